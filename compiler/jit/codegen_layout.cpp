// Layout statements: calls of the block-tree runtime (abi.h msv_open, msv_span, …).
#include "compiler/jit/codegen_internal.h"

namespace missive::jit::detail {

void Codegen::Stmts(const std::vector<lower::LStmt>& stmts) {
  for (const auto& s : stmts) Stmt(s);
}

void Codegen::Stmt(const lower::LStmt& s) {
  using lower::LOp;
  llvm::Value* block = b_.getInt32(static_cast<std::uint32_t>(s.block));
  // a block-tree call: a failure (memory) is recorded in ctx and checked at the end of the slot
  auto call = [&](const char* name, std::vector<llvm::Type*> types, std::vector<llvm::Value*> args) {
    types.insert(types.begin(), ptr_);
    args.insert(args.begin(), ctx_);
    return b_.CreateCall(Runtime(name, i32_, types), args);
  };
  auto close = [&] { call("msv_close", {}, {}); };
  switch (s.op) {
    case LOp::Open:
      call("msv_open", {i32_}, {block});
      Stmts(s.body);
      close();
      return;
    case LOp::Leaf: call("msv_leaf", {i32_}, {block}); return;
    case LOp::Span: call("msv_span", {ptr_}, {StrSlot(Emit(s.value))}); return;
    case LOp::PageSpan: call("msv_span_page", {i32_}, {b_.getInt32(static_cast<std::uint32_t>(s.imm))}); return;
    case LOp::If: {
      llvm::Value* c = Emit(s.value);
      auto* then_block = llvm::BasicBlock::Create(context_, "then", fn_);
      auto* else_block = llvm::BasicBlock::Create(context_, "else", fn_);
      auto* join = llvm::BasicBlock::Create(context_, "endif", fn_);
      b_.CreateCondBr(c, then_block, else_block);
      b_.SetInsertPoint(then_block);
      Stmts(s.body);
      b_.CreateBr(join);
      b_.SetInsertPoint(else_block);
      Stmts(s.else_body);
      b_.CreateBr(join);
      b_.SetInsertPoint(join);
      return;
    }
    case LOp::For:
      Loop(s.loop, N(s.value).type, Emit(s.value), [&](llvm::BasicBlock*, llvm::BasicBlock*) { Stmts(s.body); });
      return;
    case LOp::HeaderRow:
      call("msv_table_row", {i32_, i32_, i64_}, {block, b_.getInt32(1), b_.getInt64(0)});
      Stmts(s.body);
      close();
      return;
    case LOp::TableRows:
      Loop(s.loop, N(s.value).type, Emit(s.value), [&](llvm::BasicBlock*, llvm::BasicBlock*) {
        call("msv_table_row", {i32_, i32_, i64_}, {block, b_.getInt32(0), indices_.at(s.loop)});
        Stmts(s.body);
        close();
      });
      return;
    case LOp::Image:
    case LOp::Barcode: {
      llvm::Value* value = StrSlot(Emit(s.value));
      llvm::Value* alt = s.alt >= 0 ? StrSlot(Emit(s.alt)) : llvm::ConstantPointerNull::get(b_.getPtrTy());
      Check(call(s.op == LOp::Image ? "msv_image" : "msv_barcode", {i32_, ptr_, ptr_}, {block, value, alt}), s.site);
      return;
    }
    case LOp::Link: Check(call("msv_link", {ptr_}, {StrSlot(Emit(s.value))}), s.site); return;
  }
}

}  // namespace missive::jit::detail
