// List operations as loops in the generated code: the lambda of `sum(xs, .amount)` is emitted inline in
// the loop body, new lists are allocated from the record's arena, sorting calls the runtime once.
#include <llvm/IR/Intrinsics.h>

#include <cstddef>

#include "compiler/jit/codegen_internal.h"

namespace missive::jit::detail {

llvm::Value* Codegen::MakeSlice(llvm::Value* ptr, llvm::Value* len) {
  llvm::Value* s = llvm::UndefValue::get(slice_);
  s = b_.CreateInsertValue(s, ptr, 0);
  return b_.CreateInsertValue(s, len, 1);
}

llvm::Value* Codegen::ElementAddress(TypeId list_type, llvm::Value* list, llvm::Value* index) {
  const std::uint32_t stride = lower::SlotOf(p_, T(list_type).element).size;
  return Offset(b_.CreateExtractValue(list, 0), b_.CreateMul(index, b_.getInt64(stride)));
}

void Codegen::Counted(llvm::Value* n,
                      const std::function<void(llvm::Value*, llvm::BasicBlock*, llvm::BasicBlock*)>& body) {
  llvm::BasicBlock* pre = b_.GetInsertBlock();
  auto* header = llvm::BasicBlock::Create(context_, "loop", fn_);
  auto* body_block = llvm::BasicBlock::Create(context_, "body", fn_);
  auto* latch = llvm::BasicBlock::Create(context_, "latch", fn_);
  auto* exit = llvm::BasicBlock::Create(context_, "done", fn_);
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::PHINode* i = b_.CreatePHI(i64_, 2, "i");
  i->addIncoming(b_.getInt64(0), pre);
  b_.CreateCondBr(b_.CreateICmpULT(i, n), body_block, exit);
  b_.SetInsertPoint(body_block);
  body(i, latch, exit);
  b_.CreateBr(latch);
  b_.SetInsertPoint(latch);
  i->addIncoming(b_.CreateAdd(i, b_.getInt64(1), "", true, true), latch);
  b_.CreateBr(header);
  b_.SetInsertPoint(exit);
}

void Codegen::Loop(int loop, TypeId list_type, llvm::Value* list,
                   const std::function<void(llvm::BasicBlock*, llvm::BasicBlock*)>& body) {
  Counted(b_.CreateExtractValue(list, 1), [&](llvm::Value* i, llvm::BasicBlock* latch, llvm::BasicBlock* exit) {
    elements_[loop] = ElementAddress(list_type, list, i);
    indices_[loop] = i;
    body(latch, exit);
  });
}

llvm::Value* Codegen::ListOp(int id) {
  const Node& n = N(id);
  auto stride_of = [&](TypeId list_type) { return lower::SlotOf(p_, T(list_type).element).size; };
  // the block where the element passes `pred`; else on to `latch`
  auto filter = [&](int pred, llvm::BasicBlock* latch) {
    if (pred < 0) return;
    auto* take = llvm::BasicBlock::Create(context_, "take", fn_);
    b_.CreateCondBr(Emit(pred), take, latch);
    b_.SetInsertPoint(take);
  };
  switch (n.op) {
    case Op::MakeList: {
      const std::uint32_t stride = stride_of(n.type);
      llvm::Value* memory = Allocate(Bytes(std::uint64_t{stride} * n.args.size()), -1);
      for (std::size_t i = 0; i < n.args.size(); ++i)
        Store(T(n.type).element, Emit(n.args[i]), Offset(memory, static_cast<std::int64_t>(i * stride)));
      return MakeSlice(memory, b_.getInt64(n.args.size()));
    }
    case Op::Count: {
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      if (n.args.size() == 1) return b_.CreateExtractValue(list, 1);
      llvm::Value* counter = Alloca(i64_, "count");
      b_.CreateStore(b_.getInt64(0), counter);
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock* latch, llvm::BasicBlock*) {
        filter(n.args[1], latch);
        b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, counter), b_.getInt64(1)), counter);
      });
      return b_.CreateLoad(i64_, counter);
    }
    case Op::Sum: {
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      if (T(n.type).kind == Kind::Int) {
        llvm::Value* total = Alloca(i64_, "sum");
        b_.CreateStore(b_.getInt64(0), total);
        Loop(n.loop, list_type, list, [&](llvm::BasicBlock* latch, llvm::BasicBlock*) {
          filter(n.args[1], latch);
          b_.CreateStore(
              IntOverflow(llvm::Intrinsic::sadd_with_overflow, b_.CreateLoad(i64_, total), Emit(n.args[2]), n.site),
              total);
        });
        return b_.CreateLoad(i64_, total);
      }
      llvm::Value* total = Alloca(dec_, "sum");
      b_.CreateMemSet(total, b_.getInt8(0), sizeof(MsvDecimal), llvm::MaybeAlign(8));
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock* latch, llvm::BasicBlock*) {
        filter(n.args[1], latch);
        DecAddSub(true, total, Emit(n.args[2]), total, n.site);
      });
      return total;
    }
    case Op::RunningSum: {
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      llvm::Value* total = Alloca(dec_, "running");
      if (n.args[2] >= 0) {
        b_.CreateMemCpy(total, llvm::MaybeAlign(8), Emit(n.args[2]), llvm::MaybeAlign(8), sizeof(MsvDecimal));
      } else {
        b_.CreateMemSet(total, b_.getInt8(0), sizeof(MsvDecimal), llvm::MaybeAlign(8));
      }
      llvm::Value* len = b_.CreateExtractValue(list, 1);
      llvm::Value* out = Allocate(b_.CreateMul(len, Bytes(sizeof(MsvDecimal))), n.site);
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock*, llvm::BasicBlock*) {
        DecAddSub(true, total, Emit(n.args[1]), total, n.site);
        llvm::Value* slot = Offset(out, b_.CreateMul(indices_.at(n.loop), Bytes(sizeof(MsvDecimal))));
        b_.CreateMemCpy(slot, llvm::MaybeAlign(8), total, llvm::MaybeAlign(8), sizeof(MsvDecimal));
      });
      return MakeSlice(out, len);
    }
    case Op::MinMax: {
      // the best value so far is copied into its own slot: a later element's value reuses its memory
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      FailIf(b_.CreateICmpEQ(b_.CreateExtractValue(list, 1), b_.getInt64(0)), kMsvEmptyList, n.site);
      llvm::Value* best = Slot(n.type);
      llvm::Value* first = Alloca(i1_, "first");
      b_.CreateStore(b_.getInt1(true), first);
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock*, llvm::BasicBlock*) {
        llvm::Value* v = Emit(n.args[1]);
        auto* take = llvm::BasicBlock::Create(context_, "minmax.take", fn_);
        auto* compare = llvm::BasicBlock::Create(context_, "minmax.compare", fn_);
        auto* next = llvm::BasicBlock::Create(context_, "minmax.next", fn_);
        b_.CreateCondBr(b_.CreateLoad(i1_, first), take, compare);
        b_.SetInsertPoint(compare);
        llvm::Value* order = Order(n.type, v, Load(n.type, best));
        llvm::Value* better =
            n.imm == 1 ? b_.CreateICmpSGT(order, b_.getInt32(0)) : b_.CreateICmpSLT(order, b_.getInt32(0));
        b_.CreateCondBr(better, take, next);
        b_.SetInsertPoint(take);
        Store(n.type, v, best);
        b_.CreateStore(b_.getInt1(false), first);
        b_.CreateBr(next);
        b_.SetInsertPoint(next);
      });
      return Load(n.type, best);
    }
    case Op::AnyAll: {
      const bool all = n.imm == 1;
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      llvm::Value* result = Alloca(i1_, "anyall");
      b_.CreateStore(b_.getInt1(all), result);
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock*, llvm::BasicBlock* exit) {
        llvm::Value* holds = Emit(n.args[1]);
        auto* decided = llvm::BasicBlock::Create(context_, "anyall.decided", fn_);
        auto* next = llvm::BasicBlock::Create(context_, "anyall.next", fn_);
        b_.CreateCondBr(all ? b_.CreateNot(holds) : holds, decided, next);
        b_.SetInsertPoint(decided);
        b_.CreateStore(b_.getInt1(!all), result);
        b_.CreateBr(exit);
        b_.SetInsertPoint(next);
      });
      return b_.CreateLoad(i1_, result);
    }
    case Op::Where:
    case Op::Map: {
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      const std::uint32_t stride = stride_of(n.type);
      llvm::Value* len = b_.CreateExtractValue(list, 1);
      llvm::Value* out = Allocate(b_.CreateMul(len, Bytes(stride)), -1);
      llvm::Value* count = Alloca(i64_, "count");
      b_.CreateStore(b_.getInt64(0), count);
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock* latch, llvm::BasicBlock*) {
        llvm::Value* at = b_.CreateLoad(i64_, count);
        llvm::Value* target = Offset(out, b_.CreateMul(at, Bytes(stride)));
        if (n.op == Op::Where) {
          filter(n.args[1], latch);
          b_.CreateMemCpy(target, llvm::MaybeAlign(1), elements_.at(n.loop), llvm::MaybeAlign(1), stride);
        } else {
          Store(T(n.type).element, Emit(n.args[1]), target);
        }
        b_.CreateStore(b_.CreateAdd(at, b_.getInt64(1)), count);
      });
      return MakeSlice(out, b_.CreateLoad(i64_, count));
    }
    case Op::SortBy: {
      const TypeId list_type = N(n.args[0]).type;
      const TypeId key_type = N(n.args[1]).type;
      llvm::Value* list = Emit(n.args[0]);
      llvm::Value* len = b_.CreateExtractValue(list, 1);
      const std::uint32_t key_stride = lower::SlotOf(p_, key_type).size, stride = stride_of(list_type);
      llvm::Value* keys = Allocate(b_.CreateMul(len, Bytes(key_stride)), n.site);
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock*, llvm::BasicBlock*) {
        Store(key_type, Emit(n.args[1]), Offset(keys, b_.CreateMul(indices_.at(n.loop), Bytes(key_stride))));
      });
      llvm::Value* perm = Allocate(b_.CreateMul(len, Bytes(8)), n.site);
      const int kind = [&] {
        switch (T(key_type).kind) {
          case Kind::Int: return 0;
          case Kind::Decimal: return 1;
          case Kind::Date: return 2;
          case Kind::DateTime: return 3;
          default: return 4;
        }
      }();
      Check(b_.CreateCall(Runtime("msv_sort", i32_, {ptr_, ptr_, i64_, i32_, i64_, ptr_}),
                          {ctx_, keys, len, b_.getInt32(kind), Bytes(key_stride), perm}),
            n.site);
      llvm::Value* out = Allocate(b_.CreateMul(len, Bytes(stride)), n.site);
      Counted(len, [&](llvm::Value* i, llvm::BasicBlock*, llvm::BasicBlock*) {
        llvm::Value* from = b_.CreateLoad(i64_, Offset(perm, b_.CreateMul(i, Bytes(8))));
        b_.CreateMemCpy(Offset(out, b_.CreateMul(i, Bytes(stride))), llvm::MaybeAlign(1),
                        ElementAddress(list_type, list, from), llvm::MaybeAlign(1), stride);
      });
      return MakeSlice(out, len);
    }
    case Op::GroupBy: {
      // groups in order of first appearance: a group index per element, then each group's items
      const TypeId list_type = N(n.args[0]).type;
      const TypeId key_type = N(n.args[1]).type;
      const lower::Record& group = p_.R(T(T(n.type).element).record);
      const std::uint32_t key_at = group.fields[0].offset, items_at = group.fields[1].offset;
      const std::uint32_t size = group.size, stride = stride_of(list_type);
      llvm::Value* list = Emit(n.args[0]);
      llvm::Value* len = b_.CreateExtractValue(list, 1);
      llvm::Value* groups = Allocate(b_.CreateMul(len, Bytes(size)), n.site);
      llvm::Value* group_of = Allocate(b_.CreateMul(len, Bytes(8)), n.site);
      llvm::Value* count = Alloca(i64_, "groups");
      b_.CreateStore(b_.getInt64(0), count);
      auto items_len = [&](llvm::Value* g) {
        return Offset(groups, b_.CreateAdd(b_.CreateMul(g, Bytes(size)), Bytes(items_at + offsetof(MsvList, len))));
      };
      auto items_ptr = [&](llvm::Value* g) {
        return Offset(groups, b_.CreateAdd(b_.CreateMul(g, Bytes(size)), Bytes(items_at + offsetof(MsvList, ptr))));
      };
      Loop(n.loop, list_type, list, [&](llvm::BasicBlock*, llvm::BasicBlock*) {
        llvm::Value* key = Emit(n.args[1]);
        llvm::Value* found = Alloca(i64_, "found");
        llvm::Value* known = b_.CreateLoad(i64_, count);
        b_.CreateStore(known, found);
        Counted(known, [&](llvm::Value* g, llvm::BasicBlock*, llvm::BasicBlock* exit) {
          llvm::Value* other =
              Load(key_type, Offset(groups, b_.CreateAdd(b_.CreateMul(g, Bytes(size)), Bytes(key_at))));
          auto* same = llvm::BasicBlock::Create(context_, "group.same", fn_);
          auto* next = llvm::BasicBlock::Create(context_, "group.next", fn_);
          b_.CreateCondBr(Equal(key_type, key, other), same, next);
          b_.SetInsertPoint(same);
          b_.CreateStore(g, found);
          b_.CreateBr(exit);
          b_.SetInsertPoint(next);
        });
        llvm::Value* g = b_.CreateLoad(i64_, found);
        auto* fresh = llvm::BasicBlock::Create(context_, "group.new", fn_);
        auto* joined = llvm::BasicBlock::Create(context_, "group.joined", fn_);
        b_.CreateCondBr(b_.CreateICmpEQ(g, known), fresh, joined);
        b_.SetInsertPoint(fresh);
        Store(key_type, key, Offset(groups, b_.CreateAdd(b_.CreateMul(g, Bytes(size)), Bytes(key_at))));
        b_.CreateStore(b_.CreateAdd(known, b_.getInt64(1)), count);
        b_.CreateBr(joined);
        b_.SetInsertPoint(joined);
        b_.CreateStore(g, Offset(group_of, b_.CreateMul(indices_.at(n.loop), Bytes(8))));
        llvm::Value* items = items_len(g);
        b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, items), b_.getInt64(1)), items);
      });
      llvm::Value* total = b_.CreateLoad(i64_, count);
      Counted(total, [&](llvm::Value* g, llvm::BasicBlock*, llvm::BasicBlock*) {
        llvm::Value* items = items_len(g);
        b_.CreateStore(Allocate(b_.CreateMul(b_.CreateLoad(i64_, items), Bytes(stride)), n.site), items_ptr(g));
        b_.CreateStore(b_.getInt64(0), items);  // refilled below
      });
      Counted(len, [&](llvm::Value* i, llvm::BasicBlock*, llvm::BasicBlock*) {
        llvm::Value* g = b_.CreateLoad(i64_, Offset(group_of, b_.CreateMul(i, Bytes(8))));
        llvm::Value* items = items_len(g);
        llvm::Value* at = b_.CreateLoad(i64_, items);
        llvm::Value* target = Offset(b_.CreateLoad(ptr_, items_ptr(g)), b_.CreateMul(at, Bytes(stride)));
        b_.CreateMemCpy(target, llvm::MaybeAlign(1), ElementAddress(list_type, list, i), llvm::MaybeAlign(1), stride);
        b_.CreateStore(b_.CreateAdd(at, b_.getInt64(1)), items);
      });
      return MakeSlice(groups, total);
    }
    case Op::FirstLast: {
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      llvm::Value* len = b_.CreateExtractValue(list, 1);
      FailIf(b_.CreateICmpEQ(len, b_.getInt64(0)), kMsvEmptyList, n.site);
      llvm::Value* index = n.imm == 1 ? b_.CreateSub(len, b_.getInt64(1)) : b_.getInt64(0);
      return Load(n.type, ElementAddress(list_type, list, index));
    }
    case Op::Index: {
      const TypeId list_type = N(n.args[0]).type;
      llvm::Value* list = Emit(n.args[0]);
      llvm::Value* i = Emit(n.args[1]);
      llvm::Value* len = b_.CreateExtractValue(list, 1);
      FailIf(b_.CreateICmpUGE(i, len), kMsvIndexOutOfRange, n.site, {i, len});  // negative: huge unsigned
      return Load(n.type, ElementAddress(list_type, list, i));
    }
    default: return nullptr;
  }
}

}  // namespace missive::jit::detail
