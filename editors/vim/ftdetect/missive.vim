" Missive communications (.msv)
autocmd BufRead,BufNewFile *.msv setfiletype missive
