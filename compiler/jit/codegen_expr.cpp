// Values: constants, names, fields and optionals, Int arithmetic with overflow intrinsics, Decimals
// inline when scales are equal and through the runtime otherwise, comparisons of every type, builtins
// and user functions as calls whose status is checked.
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>

#include <cstddef>

#include "compiler/jit/codegen_internal.h"
#include "compiler/sema/builtins.h"

namespace missive::jit::detail {

llvm::Value* Codegen::MakeOptional(TypeId t, llvm::Value* present, llvm::Value* payload) {
  llvm::Value* v = llvm::UndefValue::get(Repr(t));
  v = b_.CreateInsertValue(v, present, 0);
  return b_.CreateInsertValue(v, payload, 1);
}

// Equal scales (the common case: amounts of one currency) are an exact i128 add/sub with the
// overflow intrinsic, as value::Add does after aligning; other scales call the runtime.
void Codegen::DecAddSub(bool add, llvm::Value* a, llvm::Value* b, llvm::Value* out, int site) {
  llvm::Type* i128 = b_.getInt128Ty();
  llvm::Value* ma = b_.CreateLoad(i128, a);
  llvm::Value* mb = b_.CreateLoad(i128, b);
  llvm::Value* sa = b_.CreateLoad(i8_, Offset(a, offsetof(MsvDecimal, scale)));
  llvm::Value* sb = b_.CreateLoad(i8_, Offset(b, offsetof(MsvDecimal, scale)));
  auto* fast = llvm::BasicBlock::Create(context_, "dec.same_scale", fn_);
  auto* slow = llvm::BasicBlock::Create(context_, "dec.call", fn_);
  auto* join = llvm::BasicBlock::Create(context_, "dec.join", fn_);
  llvm::MDBuilder md(context_);
  b_.CreateCondBr(b_.CreateICmpEQ(sa, sb), fast, slow, md.createBranchWeights(100, 1));
  b_.SetInsertPoint(fast);
  llvm::Value* r =
      b_.CreateBinaryIntrinsic(add ? llvm::Intrinsic::sadd_with_overflow : llvm::Intrinsic::ssub_with_overflow, ma, mb);
  FailIf(b_.CreateExtractValue(r, 1), kMsvOverflow, site);
  b_.CreateStore(b_.CreateExtractValue(r, 0), out);
  b_.CreateStore(b_.CreateZExt(sa, i64_), Offset(out, offsetof(MsvDecimal, scale)));  // the scale, zero padding
  b_.CreateBr(join);
  b_.SetInsertPoint(slow);
  Check(b_.CreateCall(Runtime(add ? "msv_dec_add" : "msv_dec_sub", i32_, {ptr_, ptr_, ptr_}), {a, b, out}), site);
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
}

// -1/0/1 like value::Compare: a zero constant or equal scales compare mantissas inline.
llvm::Value* Codegen::DecCompare(llvm::Value* a, llvm::Value* b, int a_node, int b_node) {
  llvm::Type* i128 = b_.getInt128Ty();
  auto three_way = [&](llvm::Value* x, llvm::Value* y) {
    return b_.CreateSelect(b_.CreateICmpSLT(x, y), b_.getInt32(-1), b_.CreateZExt(b_.CreateICmpSGT(x, y), i32_));
  };
  auto zero = [&](int node) { return node >= 0 && N(node).op == Op::ConstDecimal && N(node).dec.mantissa == 0; };
  llvm::Value* constant_zero = llvm::ConstantInt::get(i128, llvm::APInt(128, 0));
  if (zero(b_node)) return three_way(b_.CreateLoad(i128, a), constant_zero);
  if (zero(a_node)) return three_way(constant_zero, b_.CreateLoad(i128, b));
  llvm::Value* sa = b_.CreateLoad(i8_, Offset(a, offsetof(MsvDecimal, scale)));
  llvm::Value* sb = b_.CreateLoad(i8_, Offset(b, offsetof(MsvDecimal, scale)));
  auto* fast = llvm::BasicBlock::Create(context_, "cmp.same_scale", fn_);
  auto* slow = llvm::BasicBlock::Create(context_, "cmp.call", fn_);
  auto* join = llvm::BasicBlock::Create(context_, "cmp.join", fn_);
  b_.CreateCondBr(b_.CreateICmpEQ(sa, sb), fast, slow);
  b_.SetInsertPoint(fast);
  llvm::Value* inline_result = three_way(b_.CreateLoad(i128, a), b_.CreateLoad(i128, b));
  b_.CreateBr(join);
  b_.SetInsertPoint(slow);
  llvm::Value* call_result = b_.CreateCall(Runtime("msv_dec_cmp", i32_, {ptr_, ptr_}), {a, b});
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  llvm::PHINode* phi = b_.CreatePHI(i32_, 2);
  phi->addIncoming(inline_result, fast);
  phi->addIncoming(call_result, slow);
  return phi;
}

llvm::Value* Codegen::Order(TypeId t, llvm::Value* a, llvm::Value* b, int a_node, int b_node) {
  auto three_way = [&](llvm::Value* x, llvm::Value* y) {
    return b_.CreateSelect(b_.CreateICmpSLT(x, y), b_.getInt32(-1), b_.CreateZExt(b_.CreateICmpSGT(x, y), i32_));
  };
  switch (T(t).kind) {
    case Kind::Decimal: return DecCompare(a, b, a_node, b_node);
    case Kind::Str: return b_.CreateCall(Runtime("msv_str_cmp", i32_, {ptr_, ptr_}), {StrSlot(a), StrSlot(b)});
    case Kind::Bool: return three_way(b_.CreateZExt(a, i32_), b_.CreateZExt(b, i32_));
    default: return three_way(a, b);
  }
}

llvm::Value* Codegen::Equal(TypeId t, llvm::Value* a, llvm::Value* b) {
  const lower::Type& type = T(t);
  if (type.optional) {
    // both absent: equal; one absent: not; both present: their values
    llvm::Value* pa = Present(a);
    llvm::Value* pb = Present(b);
    llvm::BasicBlock* from = b_.GetInsertBlock();
    auto* both = llvm::BasicBlock::Create(context_, "eq.both", fn_);
    auto* join = llvm::BasicBlock::Create(context_, "eq.join", fn_);
    b_.CreateCondBr(b_.CreateAnd(pa, pb), both, join);
    b_.SetInsertPoint(both);
    llvm::Value* values = Equal(Required(t), Payload(a), Payload(b));
    llvm::BasicBlock* both_end = b_.GetInsertBlock();
    b_.CreateBr(join);
    b_.SetInsertPoint(join);
    llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
    phi->addIncoming(b_.CreateICmpEQ(pa, pb), from);
    phi->addIncoming(values, both_end);
    return phi;
  }
  switch (type.kind) {
    case Kind::Decimal: return b_.CreateICmpEQ(DecCompare(a, b, -1, -1), b_.getInt32(0));
    case Kind::Str:
      return b_.CreateICmpNE(b_.CreateCall(Runtime("msv_str_eq", i32_, {ptr_, i64_, ptr_, i64_}),
                                           {b_.CreateExtractValue(a, 0), b_.CreateExtractValue(a, 1),
                                            b_.CreateExtractValue(b, 0), b_.CreateExtractValue(b, 1)}),
                             b_.getInt32(0));
    case Kind::Record: {
      llvm::Value* all = b_.getInt1(true);
      const lower::Record& r = p_.R(type.record);
      for (std::size_t i = 0; i < r.fields.size(); ++i)
        all = b_.CreateAnd(all, Equal(r.fields[i].type, LoadField(type.record, i, a), LoadField(type.record, i, b)));
      return all;
    }
    case Kind::List: {
      llvm::Value* result = Alloca(i1_, "eq.list");
      llvm::Value* len = b_.CreateExtractValue(a, 1);
      b_.CreateStore(b_.CreateICmpEQ(len, b_.CreateExtractValue(b, 1)), result);
      auto* compare = llvm::BasicBlock::Create(context_, "eq.items", fn_);
      auto* done = llvm::BasicBlock::Create(context_, "eq.done", fn_);
      b_.CreateCondBr(b_.CreateLoad(i1_, result), compare, done);
      b_.SetInsertPoint(compare);
      Counted(len, [&](llvm::Value* i, llvm::BasicBlock*, llvm::BasicBlock* exit) {
        llvm::Value* x = Load(type.element, ElementAddress(t, a, i));
        llvm::Value* y = Load(type.element, ElementAddress(t, b, i));
        auto* differ = llvm::BasicBlock::Create(context_, "eq.differ", fn_);
        auto* same = llvm::BasicBlock::Create(context_, "eq.same", fn_);
        b_.CreateCondBr(Equal(type.element, x, y), same, differ);
        b_.SetInsertPoint(differ);
        b_.CreateStore(b_.getInt1(false), result);
        b_.CreateBr(exit);
        b_.SetInsertPoint(same);
      });
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
      return b_.CreateLoad(i1_, result);
    }
    default: return b_.CreateICmpEQ(a, b);
  }
}

llvm::Value* Codegen::IntOverflow(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b, int site) {
  llvm::Value* r = b_.CreateBinaryIntrinsic(id, a, b);
  FailIf(b_.CreateExtractValue(r, 1), kMsvOverflow, site);
  return b_.CreateExtractValue(r, 0);
}

llvm::Value* Codegen::ShowValue(TypeId t, llvm::Value* v) {
  auto call = [&](const char* name, llvm::Type* type, llvm::Value* arg) {
    llvm::Value* out = Alloca(slice_, "shown");
    Check(b_.CreateCall(Runtime(name, i32_, {ptr_, type, ptr_}), {ctx_, arg, out}), -1);
    return b_.CreateLoad(slice_, out);
  };
  switch (T(t).kind) {
    case Kind::Int: return call("msv_show_int", i64_, v);
    case Kind::Decimal: return call("msv_show_dec", ptr_, v);
    case Kind::Date: return call("msv_show_date", i32_, v);
    case Kind::DateTime: return call("msv_show_datetime", i64_, v);
    case Kind::Bool: return call("msv_show_bool", i32_, b_.CreateZExt(v, i32_));
    default: return v;
  }
}

llvm::Value* Codegen::CallRuntime(const std::string& name, const std::vector<int>& arg_nodes, TypeId result, int site) {
  std::vector<llvm::Type*> types{ptr_};
  std::vector<llvm::Value*> args{ctx_};
  for (int node : arg_nodes) {
    llvm::Value* v = Emit(node);
    switch (T(N(node).type).kind) {
      case Kind::Str:
      case Kind::List:
        types.push_back(ptr_);
        args.push_back(StrSlot(v));
        break;
      case Kind::Bool:
        types.push_back(i32_);
        args.push_back(b_.CreateZExt(v, i32_));
        break;
      default:
        types.push_back(v->getType());
        args.push_back(v);
        break;
    }
  }
  llvm::Value* out = Slot(result);
  types.push_back(ptr_);
  args.push_back(out);
  Check(b_.CreateCall(Runtime(name, i32_, types), args), site);
  return Load(result, out);
}

llvm::Value* Codegen::Emit(int id) {
  const Node& n = N(id);
  switch (n.op) {
    case Op::ConstBool: return b_.getInt1(n.imm != 0);
    case Op::ConstInt: return b_.getInt64(static_cast<std::uint64_t>(n.imm));
    case Op::ConstDecimal: {
      const auto u = static_cast<unsigned __int128>(n.dec.mantissa);
      auto* init = llvm::ConstantStruct::get(
          dec_, {b_.getInt64(static_cast<std::uint64_t>(u)), b_.getInt64(static_cast<std::uint64_t>(u >> 64)),
                 b_.getInt8(n.dec.scale), llvm::ConstantAggregateZero::get(llvm::ArrayType::get(i8_, 7))});
      return new llvm::GlobalVariable(*module_, dec_, true, llvm::GlobalValue::PrivateLinkage, init, "decimal");
    }
    case Op::ConstStr: {
      llvm::Value* text = b_.CreateGlobalString(n.str, "str", 0, module_.get());
      return MakeSlice(text, b_.getInt64(n.str.size()));
    }
    case Op::None: return MakeOptional(n.type, b_.getInt1(false), llvm::Constant::getNullValue(Repr(Required(n.type))));
    case Op::Input: return record_;
    case Op::Param: return params_.at(static_cast<std::size_t>(n.imm));
    case Op::LetRef: {
      const lower::Rule& rule = p_.rules[static_cast<std::size_t>(n.imm)];
      return Load(n.type, Offset(lets_, rule.slot));
    }
    case Op::Element: return Load(n.type, elements_.at(n.loop));
    case Op::LoopIndex: return indices_.at(n.loop);
    case Op::Field: {
      llvm::Value* record = Emit(n.args[0]);
      return LoadField(T(N(n.args[0]).type).record, static_cast<std::size_t>(n.imm), record);
    }
    case Op::IsPresent: return Present(Emit(n.args[0]));
    case Op::Unwrap: {
      llvm::Value* v = Emit(n.args[0]);
      FailIf(b_.CreateNot(Present(v)), kMsvNoneValue, n.site);
      return Payload(v);
    }
    case Op::Wrap: return MakeOptional(n.type, b_.getInt1(true), Emit(n.args[0]));
    case Op::IntToDec: {
      llvm::Value* v = Emit(n.args[0]);
      llvm::Value* out = Alloca(dec_, "dec");
      llvm::Value* d = llvm::UndefValue::get(dec_);
      d = b_.CreateInsertValue(d, v, 0);
      d = b_.CreateInsertValue(d, b_.CreateAShr(v, 63), 1);
      d = b_.CreateInsertValue(d, b_.getInt8(0), 2);
      d = b_.CreateInsertValue(d, llvm::ConstantAggregateZero::get(llvm::ArrayType::get(i8_, 7)), 3);
      b_.CreateStore(d, out);
      return out;
    }
    case Op::DateToDateTime: return b_.CreateMul(b_.CreateSExt(Emit(n.args[0]), i64_), b_.getInt64(86'400'000));
    case Op::Not: return b_.CreateNot(Emit(n.args[0]));
    case Op::Neg: {
      llvm::Value* v = Emit(n.args[0]);
      if (T(n.type).kind == Kind::Int) {
        FailIf(b_.CreateICmpEQ(v, b_.getInt64(static_cast<std::uint64_t>(INT64_MIN))), kMsvOverflow, n.site);
        return b_.CreateNeg(v);
      }
      llvm::Value* out = Alloca(dec_, "dec");
      Check(b_.CreateCall(Runtime("msv_dec_neg", i32_, {ptr_, ptr_}), {v, out}), n.site);
      return out;
    }
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Mod: {
      llvm::Value* a = Emit(n.args[0]);
      llvm::Value* b = Emit(n.args[1]);
      if (T(n.type).kind == Kind::Decimal) {
        llvm::Value* out = Alloca(dec_, "dec");
        if (n.op == Op::Add || n.op == Op::Sub) {
          DecAddSub(n.op == Op::Add, a, b, out, n.site);
        } else {
          const char* name = n.op == Op::Mul ? "msv_dec_mul" : n.op == Op::Div ? "msv_dec_div" : "msv_dec_mod";
          Check(b_.CreateCall(Runtime(name, i32_, {ptr_, ptr_, ptr_}), {a, b, out}), n.site);
        }
        return out;
      }
      switch (n.op) {
        case Op::Add: return IntOverflow(llvm::Intrinsic::sadd_with_overflow, a, b, n.site);
        case Op::Sub: return IntOverflow(llvm::Intrinsic::ssub_with_overflow, a, b, n.site);
        case Op::Mul: return IntOverflow(llvm::Intrinsic::smul_with_overflow, a, b, n.site);
        default: {
          FailIf(b_.CreateICmpEQ(b, b_.getInt64(0)), kMsvDivisionByZero, n.site);
          // INT64_MIN % -1 traps in hardware; its value is 0
          llvm::Value* safe = b_.CreateSelect(b_.CreateICmpEQ(b, b_.getInt64(-1)), b_.getInt64(1), b);
          return b_.CreateSRem(a, safe);
        }
      }
    }
    case Op::Eq:
    case Op::Ne: {
      llvm::Value* eq = Equal(N(n.args[0]).type, Emit(n.args[0]), Emit(n.args[1]));
      return n.op == Op::Eq ? eq : b_.CreateNot(eq);
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      llvm::Value* order = Order(N(n.args[0]).type, Emit(n.args[0]), Emit(n.args[1]), n.args[0], n.args[1]);
      llvm::Value* zero = b_.getInt32(0);
      switch (n.op) {
        case Op::Lt: return b_.CreateICmpSLT(order, zero);
        case Op::Le: return b_.CreateICmpSLE(order, zero);
        case Op::Gt: return b_.CreateICmpSGT(order, zero);
        default: return b_.CreateICmpSGE(order, zero);
      }
    }
    case Op::And:
    case Op::Or: {
      // short-circuit: the right side's errors happen only when it is evaluated
      llvm::Value* a = Emit(n.args[0]);
      llvm::BasicBlock* from = b_.GetInsertBlock();
      auto* rhs = llvm::BasicBlock::Create(context_, n.op == Op::And ? "and.rhs" : "or.rhs", fn_);
      auto* join = llvm::BasicBlock::Create(context_, "logic.join", fn_);
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
    case Op::If: {
      llvm::Value* c = Emit(n.args[0]);
      auto* then_block = llvm::BasicBlock::Create(context_, "then", fn_);
      auto* else_block = llvm::BasicBlock::Create(context_, "else", fn_);
      auto* join = llvm::BasicBlock::Create(context_, "if.join", fn_);
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
    case Op::Show: return ShowValue(N(n.args[0]).type, Emit(n.args[0]));
    case Op::Concat: {
      llvm::Value* a = StrSlot(Emit(n.args[0]));
      llvm::Value* b = StrSlot(Emit(n.args[1]));
      llvm::Value* out = Alloca(slice_, "concat");
      Check(b_.CreateCall(Runtime("msv_concat", i32_, {ptr_, ptr_, ptr_, ptr_}), {ctx_, a, b, out}), -1);
      return b_.CreateLoad(slice_, out);
    }
    case Op::Builtin: {
      const auto& spec = sema::SpecOf(static_cast<sema::Builtin>(n.imm));
      return CallRuntime(spec.symbol, n.args, n.type, n.site);
    }
    case Op::Call: {
      llvm::Function* f = functions_.at(static_cast<std::size_t>(n.imm));
      std::vector<llvm::Value*> args{ctx_};
      for (int a : n.args) args.push_back(Emit(a));
      llvm::Value* out = Slot(n.type);
      args.push_back(out);
      Check(b_.CreateCall(f, args), -1);  // the callee recorded where it failed
      return Load(n.type, out);
    }
    default: return ListOp(id);
  }
}

}  // namespace missive::jit::detail
