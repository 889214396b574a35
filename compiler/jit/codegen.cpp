// Typed IR → LLVM IR: field access as constant-offset GEPs, Int arithmetic with overflow intrinsics,
// Decimal arithmetic as calls to the runtime (abi.h) whose status is checked after every call.
#include "compiler/jit/codegen.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>

#include <cstddef>
#include <map>

#include "runtime/abi/abi.h"

namespace missive::jit {
namespace {

using lower::Node;
using lower::Op;
using lower::Ty;

class Codegen {
 public:
  Codegen(const lower::RuleProgram& program, llvm::LLVMContext& context)
      : program_(program), ctx_(context), b_(context) {}

  std::unique_ptr<llvm::Module> Build() {
    module_ = std::make_unique<llvm::Module>("missive_rules", ctx_);
    i1_ = b_.getInt1Ty();
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    ptr_ = b_.getPtrTy();
    dec_ = llvm::StructType::create(ctx_, {i64_, i64_, i8_, llvm::ArrayType::get(i8_, 7)}, "MsvDecimal");
    slice_ = llvm::StructType::create(ctx_, {ptr_, i64_}, "MsvSlice");
    auto* dec2 = llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false);
    dec_add_ = Runtime("msv_dec_add", dec2);
    dec_sub_ = Runtime("msv_dec_sub", dec2);
    dec_mul_ = Runtime("msv_dec_mul", dec2);
    dec_div_ = Runtime("msv_dec_div", dec2);
    dec_neg_ = Runtime("msv_dec_neg", llvm::FunctionType::get(i32_, {ptr_, ptr_}, false));
    dec_cmp_ = Runtime("msv_dec_cmp", llvm::FunctionType::get(i32_, {ptr_, ptr_}, false));
    str_eq_ = Runtime("msv_str_eq", llvm::FunctionType::get(i32_, {ptr_, i64_, ptr_, i64_}, false));

    Begin(kRulesSymbol, {});
    for (std::size_t r = 0; r < program_.rules.size(); ++r) {
      rule_ = static_cast<int>(r);
      const lower::Rule& rule = program_.rules[r];
      llvm::Value* v = Emit(rule.value);
      if (rule.is_require) {
        auto* fail = llvm::BasicBlock::Create(ctx_, "reject", fn_);
        auto* next = llvm::BasicBlock::Create(ctx_, "next", fn_);
        b_.CreateCondBr(v, next, fail);
        b_.SetInsertPoint(fail);
        llvm::Value* mask = b_.CreateLoad(i64_, rt_ctx_, "mask");
        b_.CreateStore(b_.CreateOr(mask, b_.getInt64(std::uint64_t{1} << rule.require_index)), rt_ctx_);
        b_.CreateBr(next);
        b_.SetInsertPoint(next);
      } else {
        StoreValue(rule.ty, v, Offset(lets_, rule.slot));
      }
    }
    b_.CreateRet(b_.getInt32(kMsvOk));
    rule_ = static_cast<int>(program_.rules.size());
    BuildWhen();
    BuildLocale();
    BuildLayout();
    return std::move(module_);
  }

 private:
  // A function `i32 name(ptr record, ptr lets, ptr ctx, extra…)`; the builder is at its entry.
  void Begin(const char* name, std::vector<llvm::Type*> extra) {
    std::vector<llvm::Type*> params{ptr_, ptr_, ptr_};
    params.insert(params.end(), extra.begin(), extra.end());
    fn_ = llvm::Function::Create(llvm::FunctionType::get(i32_, params, false), llvm::Function::ExternalLinkage, name,
                                 *module_);
    fn_->addFnAttr(llvm::Attribute::NoUnwind);
    record_ = fn_->getArg(0);
    lets_ = fn_->getArg(1);
    rt_ctx_ = fn_->getArg(2);
    record_->setName("record");
    lets_->setName("lets");
    rt_ctx_->setName("ctx");
    for (unsigned i = 0; i < 3; ++i) fn_->addParamAttr(i, llvm::Attribute::NoAlias);
    entry_ = llvm::BasicBlock::Create(ctx_, "entry", fn_);
    b_.SetInsertPoint(entry_);
    elements_.clear();
    indices_.clear();
  }

  // A switch on the extra i32 argument, one case per entry; `emit(i)` fills case i.
  template <class Emit>
  void Switch(std::size_t cases, Emit emit) {
    auto* done = llvm::BasicBlock::Create(ctx_, "done", fn_);
    llvm::SwitchInst* sw = b_.CreateSwitch(fn_->getArg(3), done, static_cast<unsigned>(cases));
    for (std::size_t i = 0; i < cases; ++i) {
      auto* block = llvm::BasicBlock::Create(ctx_, "case", fn_);
      sw->addCase(b_.getInt32(static_cast<std::uint32_t>(i)), block);
      b_.SetInsertPoint(block);
      emit(i);
      b_.CreateBr(done);
    }
    b_.SetInsertPoint(done);
    b_.CreateRet(b_.getInt32(kMsvOk));
  }

  // ctx->result = the condition of channel `i` (1 when it has none).
  void BuildWhen() {
    Begin(kWhenSymbol, {i32_});
    Switch(program_.channel_when.size(), [&](std::size_t i) {
      const int when = program_.channel_when[i];
      llvm::Value* holds = when < 0 ? b_.getInt1(true) : Emit(when);
      b_.CreateStore(b_.CreateZExt(holds, i32_), Offset(rt_ctx_, offsetof(MsvRuntimeCtx, result)));
    });
  }

  // *out = the record's locale (empty when the program has no `locale`).
  void BuildLocale() {
    Begin(kLocaleSymbol, {ptr_});
    llvm::Value* value = program_.locale < 0 ? EmptyStr() : Emit(program_.locale);
    b_.CreateStore(value, fn_->getArg(3));
    b_.CreateRet(b_.getInt32(kMsvOk));
  }

  // The layout statements of slot `i` (body, header, footer, first header, first footer).
  void BuildLayout() {
    Begin(kLayoutSymbol, {i32_});
    Switch(program_.has_layout ? 5 : 0, [&](std::size_t slot) { Stmts(program_.layout[slot]); });
  }

  llvm::Value* EmptyStr() {
    llvm::Value* s = llvm::UndefValue::get(slice_);
    s = b_.CreateInsertValue(s, llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0)), 0);
    return b_.CreateInsertValue(s, b_.getInt64(0), 1);
  }

  llvm::FunctionCallee Call(const char* name, llvm::Type* result, std::vector<llvm::Type*> params) {
    return Runtime(name, llvm::FunctionType::get(result, params, false));
  }

  // A Str in memory for runtime calls that take or return one.
  llvm::Value* StrSlot(llvm::Value* value = nullptr) {
    llvm::IRBuilder<> entry(entry_, entry_->begin());
    llvm::Value* slot = entry.CreateAlloca(slice_, nullptr, "str");
    if (value != nullptr) b_.CreateStore(value, slot);
    return slot;
  }

  void Stmts(const std::vector<lower::LStmt>& stmts) {
    for (const auto& s : stmts) Stmt(s);
  }

  void Stmt(const lower::LStmt& s) {
    using lower::LOp;
    llvm::Value* proto = b_.getInt32(s.proto);
    switch (s.op) {
      case LOp::Open:
        b_.CreateCall(Call("msv_open", b_.getVoidTy(), {ptr_, i32_}), {rt_ctx_, proto});
        Stmts(s.body);
        b_.CreateCall(Call("msv_close", b_.getVoidTy(), {ptr_}), {rt_ctx_});
        return;
      case LOp::Leaf: b_.CreateCall(Call("msv_leaf", b_.getVoidTy(), {ptr_, i32_}), {rt_ctx_, proto}); return;
      case LOp::Span:
        b_.CreateCall(Call("msv_span", b_.getVoidTy(), {ptr_, ptr_}), {rt_ctx_, StrSlot(Emit(s.value))});
        return;
      case LOp::PageSpan:
        b_.CreateCall(Call("msv_span_page", b_.getVoidTy(), {ptr_, i32_}),
                      {rt_ctx_, b_.getInt32(static_cast<std::uint32_t>(s.imm))});
        return;
      case LOp::If: {
        llvm::Value* c = Emit(s.value);
        auto* then_block = llvm::BasicBlock::Create(ctx_, "then", fn_);
        auto* else_block = llvm::BasicBlock::Create(ctx_, "else", fn_);
        auto* join = llvm::BasicBlock::Create(ctx_, "endif", fn_);
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
      case LOp::For: Loop(N(s.value).stride, s.loop, Emit(s.value), [&](llvm::BasicBlock*) { Stmts(s.body); }); return;
      case LOp::HeaderRow:
        b_.CreateCall(Call("msv_table_row", b_.getVoidTy(), {ptr_, i32_, i32_, i64_}),
                      {rt_ctx_, proto, b_.getInt32(1), b_.getInt64(0)});
        Stmts(s.body);
        b_.CreateCall(Call("msv_close", b_.getVoidTy(), {ptr_}), {rt_ctx_});
        return;
      case LOp::TableRows:
        Loop(N(s.value).stride, s.loop, Emit(s.value), [&](llvm::BasicBlock*) {
          b_.CreateCall(Call("msv_table_row", b_.getVoidTy(), {ptr_, i32_, i32_, i64_}),
                        {rt_ctx_, proto, b_.getInt32(0), index_});
          Stmts(s.body);
          b_.CreateCall(Call("msv_close", b_.getVoidTy(), {ptr_}), {rt_ctx_});
        });
        return;
      case LOp::Image:
      case LOp::Barcode: {
        const char* name = s.op == LOp::Image ? "msv_image" : "msv_barcode";
        Check(b_.CreateCall(Call(name, i32_, {ptr_, i32_, ptr_}), {rt_ctx_, proto, StrSlot(Emit(s.value))}));
        return;
      }
    }
  }

  // A runtime call `i32 name(ctx, args…, MsvStr* out)` whose Str result is returned.
  llvm::Value* StrCall(const char* name, std::vector<llvm::Type*> types, std::vector<llvm::Value*> args) {
    types.insert(types.begin(), ptr_);
    types.push_back(ptr_);
    args.insert(args.begin(), rt_ctx_);
    llvm::Value* out = StrSlot();
    args.push_back(out);
    Check(b_.CreateCall(Call(name, i32_, types), args));
    return b_.CreateLoad(slice_, out);
  }

  llvm::Value* ShowValue(const Node& n) {
    const Node& arg = N(n.args[0]);
    llvm::Value* v = Emit(n.args[0]);
    switch (arg.ty) {
      case Ty::Int: return StrCall("msv_show_int", {i64_}, {v});
      case Ty::Decimal: return StrCall("msv_show_dec", {ptr_}, {v});
      case Ty::Date: return StrCall("msv_show_date", {i32_}, {v});
      case Ty::DateTime: return StrCall("msv_show_datetime", {i64_}, {v});
      case Ty::Bool: return StrCall("msv_show_bool", {i32_}, {b_.CreateZExt(v, i32_)});
      default: return v;
    }
  }

  const lower::RuleProgram& program_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  std::unique_ptr<llvm::Module> module_;
  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::Value *record_ = nullptr, *lets_ = nullptr, *rt_ctx_ = nullptr;
  llvm::Type *i1_ = nullptr, *i8_ = nullptr, *i32_ = nullptr, *i64_ = nullptr, *ptr_ = nullptr;
  llvm::StructType *dec_ = nullptr, *slice_ = nullptr;
  llvm::FunctionCallee dec_add_, dec_sub_, dec_mul_, dec_div_, dec_neg_, dec_cmp_, str_eq_;
  std::map<int, llvm::Value*> elements_;  // loop id → the current element's address
  std::map<int, llvm::Value*> indices_;   // loop id → the current element's index
  int rule_ = 0;
  llvm::Value* index_ = nullptr;  // the innermost loop's element index

  llvm::FunctionCallee Runtime(const char* name, llvm::FunctionType* type) {
    auto callee = module_->getOrInsertFunction(name, type);
    if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) f->addFnAttr(llvm::Attribute::NoUnwind);
    return callee;
  }

  const Node& N(int id) const { return program_.nodes[static_cast<std::size_t>(id)]; }

  llvm::Value* Offset(llvm::Value* base, std::int64_t offset) {
    if (offset == 0) return base;
    return b_.CreateConstInBoundsGEP1_64(i8_, base, static_cast<std::uint64_t>(offset));
  }

  // Decimals live in memory (their address is the value): a new slot in the entry block.
  llvm::Value* DecSlot() {
    llvm::IRBuilder<> entry(entry_, entry_->begin());
    return entry.CreateAlloca(dec_, nullptr, "dec");
  }

  llvm::Type* ScalarType(Ty ty) {
    switch (ty) {
      case Ty::Bool: return i8_;
      case Ty::Int:
      case Ty::DateTime: return i64_;
      case Ty::Date: return i32_;
      case Ty::Str:
      case Ty::List: return slice_;
      case Ty::Ptr:
      case Ty::Decimal: return ptr_;
    }
    return i64_;
  }

  llvm::Value* LoadValue(Ty ty, llvm::Value* address) {
    if (ty == Ty::Decimal) return address;  // read-only: the field itself is the operand
    if (ty == Ty::Bool) return b_.CreateICmpNE(b_.CreateLoad(i8_, address), b_.getInt8(0));
    return b_.CreateLoad(ScalarType(ty), address);
  }

  void StoreValue(Ty ty, llvm::Value* v, llvm::Value* address) {
    if (ty == Ty::Decimal) {
      // one 24-byte copy; an aggregate load/store would be split into its ten members
      b_.CreateMemCpy(address, llvm::MaybeAlign(8), v, llvm::MaybeAlign(8), sizeof(MsvDecimal));
    } else if (ty == Ty::Bool) {
      b_.CreateStore(b_.CreateZExt(v, i8_), address);
    } else {
      b_.CreateStore(v, address);
    }
  }

  // A runtime status: anything but kMsvOk leaves the function with it, recording the rule.
  void Check(llvm::Value* status) {
    auto* fail = llvm::BasicBlock::Create(ctx_, "error", fn_);
    auto* ok = llvm::BasicBlock::Create(ctx_, "ok", fn_);
    b_.CreateCondBr(b_.CreateICmpEQ(status, b_.getInt32(kMsvOk)), ok, fail, Unlikely());
    b_.SetInsertPoint(fail);
    b_.CreateStore(b_.getInt32(rule_), Offset(rt_ctx_, 8));
    b_.CreateStore(status, Offset(rt_ctx_, 12));
    b_.CreateRet(status);
    b_.SetInsertPoint(ok);
  }

  void FailIf(llvm::Value* condition, MsvStatus status) {
    Check(b_.CreateSelect(condition, b_.getInt32(status), b_.getInt32(kMsvOk)));
  }

  llvm::MDNode* Unlikely() {
    llvm::MDBuilder md(ctx_);
    return md.createBranchWeights(2000, 1);
  }

  // Equal scales (the common case: amounts of one currency) are an exact i128 add/sub with the
  // overflow intrinsic, as value::Add does after aligning; other scales call the runtime.
  void DecAddSub(bool add, llvm::Value* a, llvm::Value* b, llvm::Value* out) {
    llvm::Type* i128 = b_.getInt128Ty();
    llvm::Value* ma = b_.CreateLoad(i128, a);
    llvm::Value* mb = b_.CreateLoad(i128, b);
    llvm::Value* sa = b_.CreateLoad(i8_, Offset(a, 16));
    llvm::Value* sb = b_.CreateLoad(i8_, Offset(b, 16));
    auto* fast = llvm::BasicBlock::Create(ctx_, "dec.same_scale", fn_);
    auto* slow = llvm::BasicBlock::Create(ctx_, "dec.call", fn_);
    auto* join = llvm::BasicBlock::Create(ctx_, "dec.join", fn_);
    llvm::MDBuilder md(ctx_);
    b_.CreateCondBr(b_.CreateICmpEQ(sa, sb), fast, slow, md.createBranchWeights(100, 1));
    b_.SetInsertPoint(fast);
    llvm::Value* r = b_.CreateBinaryIntrinsic(
        add ? llvm::Intrinsic::sadd_with_overflow : llvm::Intrinsic::ssub_with_overflow, ma, mb);
    FailIf(b_.CreateExtractValue(r, 1), kMsvOverflow);
    b_.CreateStore(b_.CreateExtractValue(r, 0), out);
    b_.CreateStore(b_.CreateZExt(sa, i64_), Offset(out, 16));  // the scale, and zero padding
    b_.CreateBr(join);
    b_.SetInsertPoint(slow);
    Check(b_.CreateCall(add ? dec_add_ : dec_sub_, {a, b, out}));
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
  }

  bool IsZeroConstant(int id) const { return N(id).op == Op::ConstDecimal && N(id).dec.mantissa == 0; }

  // -1/0/1 like value::Compare: a zero constant or equal scales compare mantissas inline.
  llvm::Value* DecCompare(int a_id, int b_id, llvm::Value* a, llvm::Value* b) {
    llvm::Type* i128 = b_.getInt128Ty();
    auto three_way = [&](llvm::Value* x, llvm::Value* y) {
      return b_.CreateSelect(b_.CreateICmpSLT(x, y), b_.getInt32(-1), b_.CreateZExt(b_.CreateICmpSGT(x, y), i32_));
    };
    const llvm::APInt zero(128, 0);
    if (IsZeroConstant(b_id)) return three_way(b_.CreateLoad(i128, a), llvm::ConstantInt::get(i128, zero));
    if (IsZeroConstant(a_id)) return three_way(llvm::ConstantInt::get(i128, zero), b_.CreateLoad(i128, b));
    llvm::Value* sa = b_.CreateLoad(i8_, Offset(a, 16));
    llvm::Value* sb = b_.CreateLoad(i8_, Offset(b, 16));
    auto* fast = llvm::BasicBlock::Create(ctx_, "cmp.same_scale", fn_);
    auto* slow = llvm::BasicBlock::Create(ctx_, "cmp.call", fn_);
    auto* join = llvm::BasicBlock::Create(ctx_, "cmp.join", fn_);
    b_.CreateCondBr(b_.CreateICmpEQ(sa, sb), fast, slow);
    b_.SetInsertPoint(fast);
    llvm::Value* inline_result = three_way(b_.CreateLoad(i128, a), b_.CreateLoad(i128, b));
    b_.CreateBr(join);
    b_.SetInsertPoint(slow);
    llvm::Value* call_result = b_.CreateCall(dec_cmp_, {a, b});
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* phi = b_.CreatePHI(i32_, 2);
    phi->addIncoming(inline_result, fast);
    phi->addIncoming(call_result, slow);
    return phi;
  }

  llvm::Value* DecCall(llvm::FunctionCallee f, llvm::Value* a, llvm::Value* b) {
    llvm::Value* out = DecSlot();
    Check(b_.CreateCall(f, {a, b, out}));
    return out;
  }

  llvm::Value* IntOverflow(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b) {
    llvm::Value* r = b_.CreateBinaryIntrinsic(id, a, b);
    FailIf(b_.CreateExtractValue(r, 1), kMsvOverflow);
    return b_.CreateExtractValue(r, 0);
  }

  // i < len over the list, calling body(element address) per element.
  template <class Body>
  void Loop(std::uint32_t stride, int loop, llvm::Value* list, Body body) {
    llvm::Value* base = b_.CreateExtractValue(list, 0, "elements");
    llvm::Value* len = b_.CreateExtractValue(list, 1, "len");
    llvm::BasicBlock* pre = b_.GetInsertBlock();
    auto* header = llvm::BasicBlock::Create(ctx_, "loop", fn_);
    auto* body_block = llvm::BasicBlock::Create(ctx_, "body", fn_);
    auto* latch = llvm::BasicBlock::Create(ctx_, "latch", fn_);
    auto* exit = llvm::BasicBlock::Create(ctx_, "done", fn_);
    b_.CreateBr(header);
    b_.SetInsertPoint(header);
    llvm::PHINode* i = b_.CreatePHI(i64_, 2, "i");
    i->addIncoming(b_.getInt64(0), pre);
    b_.CreateCondBr(b_.CreateICmpULT(i, len), body_block, exit);
    b_.SetInsertPoint(body_block);
    llvm::Value* element = b_.CreateInBoundsGEP(i8_, base, b_.CreateMul(i, b_.getInt64(stride)), "element");
    elements_[loop] = element;
    indices_[loop] = i;
    llvm::Value* outer_index = index_;
    index_ = i;
    body(latch);
    index_ = outer_index;
    b_.CreateBr(latch);
    b_.SetInsertPoint(latch);
    llvm::Value* next = b_.CreateAdd(i, b_.getInt64(1), "", true, true);
    i->addIncoming(next, latch);
    b_.CreateBr(header);
    b_.SetInsertPoint(exit);
  }

  // Emits the predicate (if any); continues in the block where it holds.
  void Filter(int pred, llvm::BasicBlock* latch) {
    if (pred < 0) return;
    llvm::Value* keep = Emit(pred);
    auto* take = llvm::BasicBlock::Create(ctx_, "take", fn_);
    b_.CreateCondBr(keep, take, latch);
    b_.SetInsertPoint(take);
  }

  llvm::Value* Compare(const Node& n) {
    llvm::Value* a = Emit(n.args[0]);
    llvm::Value* b = Emit(n.args[1]);
    const Ty ty = N(n.args[0]).ty;
    if (ty == Ty::Str) {
      llvm::Value* eq = b_.CreateCall(str_eq_, {b_.CreateExtractValue(a, 0), b_.CreateExtractValue(a, 1),
                                                b_.CreateExtractValue(b, 0), b_.CreateExtractValue(b, 1)});
      return n.op == Op::Eq ? b_.CreateICmpNE(eq, b_.getInt32(0)) : b_.CreateICmpEQ(eq, b_.getInt32(0));
    }
    if (ty == Ty::Decimal) {
      a = DecCompare(n.args[0], n.args[1], a, b);
      b = b_.getInt32(0);
    }
    switch (n.op) {
      case Op::Eq: return b_.CreateICmpEQ(a, b);
      case Op::Ne: return b_.CreateICmpNE(a, b);
      case Op::Lt: return b_.CreateICmpSLT(a, b);
      case Op::Le: return b_.CreateICmpSLE(a, b);
      case Op::Gt: return b_.CreateICmpSGT(a, b);
      default: return b_.CreateICmpSGE(a, b);
    }
  }

  llvm::Value* Arith(const Node& n) {
    llvm::Value* a = Emit(n.args[0]);
    llvm::Value* b = Emit(n.args[1]);
    if (n.ty == Ty::Decimal) {
      switch (n.op) {
        case Op::Add:
        case Op::Sub: {
          llvm::Value* out = DecSlot();
          DecAddSub(n.op == Op::Add, a, b, out);
          return out;
        }
        case Op::Mul: return DecCall(dec_mul_, a, b);
        default: return DecCall(dec_div_, a, b);
      }
    }
    switch (n.op) {
      case Op::Add: return IntOverflow(llvm::Intrinsic::sadd_with_overflow, a, b);
      case Op::Sub: return IntOverflow(llvm::Intrinsic::ssub_with_overflow, a, b);
      case Op::Mul: return IntOverflow(llvm::Intrinsic::smul_with_overflow, a, b);
      default: {
        FailIf(b_.CreateICmpEQ(b, b_.getInt64(0)), kMsvDivisionByZero);
        // INT64_MIN % -1 traps in hardware; its value is 0
        llvm::Value* minus_one = b_.CreateICmpEQ(b, b_.getInt64(-1));
        llvm::Value* safe = b_.CreateSelect(minus_one, b_.getInt64(1), b);
        return b_.CreateSRem(a, safe);
      }
    }
  }

  // Short-circuit like the evaluator: the right side's errors happen only when it is evaluated.
  llvm::Value* Logic(const Node& n) {
    llvm::Value* a = Emit(n.args[0]);
    llvm::BasicBlock* from = b_.GetInsertBlock();
    auto* rhs = llvm::BasicBlock::Create(ctx_, n.op == Op::And ? "and.rhs" : "or.rhs", fn_);
    auto* join = llvm::BasicBlock::Create(ctx_, "logic.join", fn_);
    if (n.op == Op::And) {
      b_.CreateCondBr(a, rhs, join);
    } else {
      b_.CreateCondBr(a, join, rhs);
    }
    b_.SetInsertPoint(rhs);
    llvm::Value* b = Emit(n.args[1]);
    llvm::BasicBlock* rhs_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
    phi->addIncoming(b_.getInt1(n.op == Op::Or), from);
    phi->addIncoming(b, rhs_end);
    return phi;
  }

  llvm::Value* If(const Node& n) {
    llvm::Value* c = Emit(n.args[0]);
    auto* then_block = llvm::BasicBlock::Create(ctx_, "then", fn_);
    auto* else_block = llvm::BasicBlock::Create(ctx_, "else", fn_);
    auto* join = llvm::BasicBlock::Create(ctx_, "if.join", fn_);
    b_.CreateCondBr(c, then_block, else_block);
    b_.SetInsertPoint(then_block);
    llvm::Value* a = Emit(n.args[1]);
    llvm::BasicBlock* a_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(else_block);
    llvm::Value* b = Emit(n.args[2]);
    llvm::BasicBlock* b_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* phi = b_.CreatePHI(a->getType(), 2);
    phi->addIncoming(a, a_end);
    phi->addIncoming(b, b_end);
    return phi;
  }

  llvm::Value* Emit(int id) {
    const Node& n = N(id);
    switch (n.op) {
      case Op::ConstBool: return b_.getInt1(n.imm != 0);
      case Op::ConstInt: return b_.getInt64(static_cast<std::uint64_t>(n.imm));
      case Op::ConstDecimal: {
        const MsvDecimal d = [&] {
          const auto u = static_cast<unsigned __int128>(n.dec.mantissa);
          return MsvDecimal{static_cast<std::uint64_t>(u),
                            static_cast<std::int64_t>(static_cast<std::uint64_t>(u >> 64)),
                            n.dec.scale,
                            {}};
        }();
        auto* init = llvm::ConstantStruct::get(
            dec_, {b_.getInt64(d.lo), b_.getInt64(static_cast<std::uint64_t>(d.hi)), b_.getInt8(d.scale),
                   llvm::ConstantAggregateZero::get(llvm::ArrayType::get(i8_, 7))});
        return new llvm::GlobalVariable(*module_, dec_, true, llvm::GlobalValue::PrivateLinkage, init, "decimal");
      }
      case Op::ConstStr: {
        llvm::Value* text = b_.CreateGlobalString(n.str, "str", 0, module_.get());
        llvm::Value* s = llvm::UndefValue::get(slice_);
        s = b_.CreateInsertValue(s, text, 0);
        return b_.CreateInsertValue(s, b_.getInt64(n.str.size()), 1);
      }
      case Op::Input: return record_;
      case Op::Element: {
        llvm::Value* element = elements_.at(n.loop);
        return n.ty == Ty::Ptr ? element : LoadValue(n.ty, element);
      }
      case Op::LetRef: {
        const lower::Rule& rule = program_.rules[static_cast<std::size_t>(n.imm)];
        return LoadValue(n.ty, Offset(lets_, rule.slot));
      }
      case Op::FieldAddr: return Offset(Emit(n.args[0]), n.imm);
      case Op::Load: return LoadValue(n.ty, Offset(Emit(n.args[0]), n.imm));
      case Op::Present: {
        llvm::Value* byte = b_.CreateLoad(i8_, Offset(Emit(n.args[0]), n.imm / 8));
        return b_.CreateICmpNE(b_.CreateAnd(byte, b_.getInt8(static_cast<std::uint8_t>(1u << (n.imm % 8)))),
                               b_.getInt8(0));
      }
      case Op::IntToDec: {
        llvm::Value* v = Emit(n.args[0]);
        llvm::Value* out = DecSlot();
        llvm::Value* d = llvm::UndefValue::get(dec_);
        d = b_.CreateInsertValue(d, v, 0);
        d = b_.CreateInsertValue(d, b_.CreateAShr(v, 63), 1);
        d = b_.CreateInsertValue(d, b_.getInt8(0), 2);
        d = b_.CreateInsertValue(d, llvm::ConstantAggregateZero::get(llvm::ArrayType::get(i8_, 7)), 3);
        b_.CreateStore(d, out);
        return out;
      }
      case Op::Not: return b_.CreateNot(Emit(n.args[0]));
      case Op::Neg: {
        llvm::Value* v = Emit(n.args[0]);
        if (n.ty == Ty::Int) {
          FailIf(b_.CreateICmpEQ(v, b_.getInt64(static_cast<std::uint64_t>(INT64_MIN))), kMsvOverflow);
          return b_.CreateNeg(v);
        }
        llvm::Value* out = DecSlot();
        Check(b_.CreateCall(dec_neg_, {v, out}));
        return out;
      }
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Mod: return Arith(n);
      case Op::Eq:
      case Op::Ne:
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: return Compare(n);
      case Op::And:
      case Op::Or: return Logic(n);
      case Op::If: return If(n);
      case Op::Count: {
        llvm::Value* list = Emit(n.args[0]);
        if (n.args.size() == 1) return b_.CreateExtractValue(list, 1);
        llvm::Value* counter = [&] {
          llvm::IRBuilder<> entry(entry_, entry_->begin());
          return entry.CreateAlloca(i64_, nullptr, "count");
        }();
        b_.CreateStore(b_.getInt64(0), counter);
        Loop(N(n.args[0]).stride, n.loop, list, [&](llvm::BasicBlock* latch) {
          Filter(n.args[1], latch);
          b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, counter), b_.getInt64(1)), counter);
        });
        return b_.CreateLoad(i64_, counter);
      }
      case Op::Sum: {
        llvm::Value* list = Emit(n.args[0]);
        llvm::Value* total = DecSlot();
        b_.CreateMemSet(total, b_.getInt8(0), sizeof(MsvDecimal), llvm::MaybeAlign(8));
        Loop(N(n.args[0]).stride, n.loop, list, [&](llvm::BasicBlock* latch) {
          Filter(n.args[1], latch);
          llvm::Value* v = Emit(n.args[2]);
          DecAddSub(true, total, v, total);
        });
        return total;
      }
      case Op::RunningSum: {
        llvm::Value* list = Emit(n.args[0]);
        llvm::Value* total = DecSlot();
        if (n.args[2] >= 0) {
          b_.CreateMemCpy(total, llvm::MaybeAlign(8), Emit(n.args[2]), llvm::MaybeAlign(8), sizeof(MsvDecimal));
        } else {
          b_.CreateMemSet(total, b_.getInt8(0), sizeof(MsvDecimal), llvm::MaybeAlign(8));
        }
        llvm::Value* len = b_.CreateExtractValue(list, 1);
        // ctx->alloc(ctx->alloc_state, len * sizeof(MsvDecimal), 8)
        auto* alloc_ty = llvm::FunctionType::get(ptr_, {ptr_, i64_, i64_}, false);
        llvm::Value* alloc = b_.CreateLoad(ptr_, Offset(rt_ctx_, 16));
        llvm::Value* state = b_.CreateLoad(ptr_, Offset(rt_ctx_, 24));
        llvm::Value* out =
            b_.CreateCall(alloc_ty, alloc, {state, b_.CreateMul(len, b_.getInt64(sizeof(MsvDecimal))), b_.getInt64(8)});
        FailIf(b_.CreateAnd(b_.CreateIsNull(out), b_.CreateICmpNE(len, b_.getInt64(0))), kMsvOutOfMemory);
        Loop(N(n.args[0]).stride, n.loop, list, [&](llvm::BasicBlock*) {
          llvm::Value* v = Emit(n.args[1]);
          DecAddSub(true, total, v, total);
          llvm::Value* slot = b_.CreateInBoundsGEP(i8_, out, b_.CreateMul(index_, b_.getInt64(sizeof(MsvDecimal))));
          b_.CreateMemCpy(slot, llvm::MaybeAlign(8), total, llvm::MaybeAlign(8), sizeof(MsvDecimal));
        });
        llvm::Value* result = llvm::UndefValue::get(slice_);
        result = b_.CreateInsertValue(result, out, 0);
        return b_.CreateInsertValue(result, len, 1);
      }
      case Op::First: {
        llvm::Value* list = Emit(n.args[0]);
        FailIf(b_.CreateICmpEQ(b_.CreateExtractValue(list, 1), b_.getInt64(0)), kMsvEmptyList);
        return b_.CreateExtractValue(list, 0);
      }
      case Op::LoopIndex: return indices_.at(n.loop);
      case Op::Index: {
        llvm::Value* list = Emit(n.args[0]);
        llvm::Value* i = Emit(n.args[1]);
        FailIf(b_.CreateICmpUGE(i, b_.CreateExtractValue(list, 1)), kMsvIndexOutOfRange);
        llvm::Value* element = b_.CreateInBoundsGEP(i8_, b_.CreateExtractValue(list, 0),
                                                    b_.CreateMul(i, b_.getInt64(N(n.args[0]).stride)));
        return n.ty == Ty::Ptr ? element : LoadValue(n.ty, element);
      }
      case Op::Show: return ShowValue(n);
      case Op::Concat: return StrCall("msv_concat", {ptr_, ptr_}, {StrSlot(Emit(n.args[0])), StrSlot(Emit(n.args[1]))});
      case Op::Money: return StrCall("msv_fmt_money", {ptr_, ptr_}, {Emit(n.args[0]), StrSlot(Emit(n.args[1]))});
      case Op::FormatDate: {
        const bool date = N(n.args[0]).ty == Ty::Date;
        return StrCall(date ? "msv_fmt_date" : "msv_fmt_datetime", {date ? i32_ : i64_, ptr_},
                       {Emit(n.args[0]), StrSlot(Emit(n.args[1]))});
      }
    }
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<llvm::Module> BuildModule(const lower::RuleProgram& program, llvm::LLVMContext& context) {
  return Codegen(program, context).Build();
}

}  // namespace missive::jit
