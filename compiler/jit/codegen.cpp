// Typed IR → LLVM IR: the module's functions, value representations and memory. Every runtime call is
// declared from runtime/abi/abi.h's conventions; ctx fields are addressed by offsetof, never by literal.
#include "compiler/jit/codegen.h"

#include <llvm/IR/MDBuilder.h>

#include <algorithm>
#include <cstddef>

#include "compiler/jit/codegen_internal.h"

namespace missive::jit {
namespace detail {

Codegen::Codegen(const lower::Program& program, llvm::LLVMContext& context)
    : p_(program), context_(context), b_(context) {}

std::unique_ptr<llvm::Module> Codegen::Build() {
  module_ = std::make_unique<llvm::Module>("missive", context_);
  i1_ = b_.getInt1Ty();
  i8_ = b_.getInt8Ty();
  i32_ = b_.getInt32Ty();
  i64_ = b_.getInt64Ty();
  ptr_ = b_.getPtrTy();
  dec_ = llvm::StructType::create(context_, {i64_, i64_, i8_, llvm::ArrayType::get(i8_, 7)}, "MsvDecimal");
  slice_ = llvm::StructType::create(context_, {ptr_, i64_}, "MsvSlice");
  DeclareFunctions();
  for (std::size_t i = 0; i < p_.functions.size(); ++i) BuildFunction(i);
  BuildRules();
  BuildWhen();
  BuildValue();
  BuildLayout();
  return std::move(module_);
}

// ── functions ──

void Codegen::Begin(llvm::Function* f, bool has_record) {
  fn_ = f;
  f->addFnAttr(llvm::Attribute::NoUnwind);
  entry_ = llvm::BasicBlock::Create(context_, "entry", f);
  b_.SetInsertPoint(entry_);
  elements_.clear();
  indices_.clear();
  params_.clear();
  depth_ = nullptr;
  fail_ = nullptr;
  if (has_record) {
    record_ = f->getArg(0);
    lets_ = f->getArg(1);
    ctx_ = f->getArg(2);
    record_->setName("record");
    lets_->setName("lets");
    for (unsigned i = 0; i < 3; ++i) f->addParamAttr(i, llvm::Attribute::NoAlias);
  } else {
    record_ = lets_ = nullptr;
    ctx_ = f->getArg(0);
  }
  ctx_->setName("ctx");
}

void Codegen::Switch(unsigned arg, std::size_t cases, const std::function<void(std::size_t)>& emit) {
  auto* done = llvm::BasicBlock::Create(context_, "done", fn_);
  llvm::SwitchInst* sw = b_.CreateSwitch(fn_->getArg(arg), done, static_cast<unsigned>(cases));
  for (std::size_t i = 0; i < cases; ++i) {
    auto* block = llvm::BasicBlock::Create(context_, "case", fn_);
    sw->addCase(b_.getInt32(static_cast<std::uint32_t>(i)), block);
    b_.SetInsertPoint(block);
    elements_.clear();
    indices_.clear();
    emit(i);
    b_.CreateBr(done);
  }
  b_.SetInsertPoint(done);
  b_.CreateRet(b_.getInt32(kMsvOk));
}

llvm::FunctionCallee Codegen::Runtime(const std::string& name, llvm::Type* result, std::vector<llvm::Type*> params) {
  auto callee = module_->getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
  if (auto* f = llvm::dyn_cast<llvm::Function>(callee.getCallee())) f->addFnAttr(llvm::Attribute::NoUnwind);
  return callee;
}

void Codegen::DeclareFunctions() {
  for (std::size_t i = 0; i < p_.functions.size(); ++i) {
    const lower::Function& f = p_.functions[i];
    std::vector<llvm::Type*> params{ptr_};
    for (TypeId t : f.params) params.push_back(Repr(t));
    params.push_back(ptr_);  // the result's slot
    functions_.push_back(llvm::Function::Create(llvm::FunctionType::get(i32_, params, false),
                                                llvm::Function::InternalLinkage, "fn." + f.name, *module_));
  }
}

// `i32 fn.name(ctx, params…, out)`: the body's value stored in `out`; nesting bounded by ctx->depth.
void Codegen::BuildFunction(std::size_t index) {
  const lower::Function& f = p_.functions[index];
  llvm::Function* fn = functions_[index];
  Begin(fn, false);
  for (std::size_t i = 0; i < f.params.size(); ++i) params_.push_back(fn->getArg(static_cast<unsigned>(i + 1)));
  llvm::Value* depth_address = CtxField(offsetof(MsvRuntimeCtx, depth));
  depth_ = b_.CreateLoad(i32_, depth_address, "depth");
  FailIf(b_.CreateICmpSGE(depth_, b_.getInt32(kMsvMaxDepth)), kMsvTooDeep, f.site);
  b_.CreateStore(b_.CreateAdd(depth_, b_.getInt32(1)), depth_address);
  llvm::Value* result = Emit(f.body);
  Store(f.result, result, fn->getArg(static_cast<unsigned>(f.params.size() + 1)));
  b_.CreateStore(depth_, depth_address);
  b_.CreateRet(b_.getInt32(kMsvOk));
}

// Lets in order into their slots; a false require marks its byte and stores its message, and the
// rules go on (every reason is collected); the first runtime error returns its status. The rules are
// compiled in chunks, one function each, which keeps big programs quick to optimise.
void Codegen::BuildRules() {
  constexpr std::size_t kChunk = 16;
  auto* type = llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false);
  std::vector<llvm::Function*> chunks;
  for (std::size_t first = 0; first < p_.rules.size(); first += kChunk) {
    auto* f = llvm::Function::Create(type, llvm::Function::InternalLinkage, "rules." + std::to_string(chunks.size()),
                                     *module_);
    f->addFnAttr(llvm::Attribute::NoInline);  // inlined back, big programs would be one function again
    chunks.push_back(f);
    Begin(f, true);
    llvm::Value* done = CtxField(offsetof(MsvRuntimeCtx, rules_done));
    for (std::size_t r = first; r < std::min(first + kChunk, p_.rules.size()); ++r) {
      const lower::Rule& rule = p_.rules[r];
      elements_.clear();
      indices_.clear();
      b_.CreateStore(b_.getInt32(static_cast<std::uint32_t>(r)), done);
      llvm::Value* v = Emit(rule.value);
      if (!rule.is_require) {
        Store(rule.type, v, Offset(lets_, rule.slot));
        continue;
      }
      auto* fail = llvm::BasicBlock::Create(context_, "reject", fn_);
      auto* next = llvm::BasicBlock::Create(context_, "next", fn_);
      b_.CreateCondBr(v, next, fail);
      b_.SetInsertPoint(fail);
      b_.CreateStore(b_.getInt8(1), Offset(lets_, rule.slot));
      b_.CreateStore(Emit(rule.message), Offset(lets_, rule.message_slot));
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
    }
    b_.CreateRet(b_.getInt32(kMsvOk));
  }
  auto* f = llvm::Function::Create(type, llvm::Function::ExternalLinkage, kRulesSymbol, *module_);
  Begin(f, true);
  for (llvm::Function* chunk : chunks) Check(b_.CreateCall(chunk, {record_, lets_, ctx_}), -1);
  b_.CreateStore(b_.getInt32(static_cast<std::uint32_t>(p_.rules.size())),
                 CtxField(offsetof(MsvRuntimeCtx, rules_done)));
  b_.CreateRet(b_.getInt32(kMsvOk));
}

// ctx->result = the condition of channel `i` (1 when it has none).
void Codegen::BuildWhen() {
  auto* f = llvm::Function::Create(llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_, i32_}, false),
                                   llvm::Function::ExternalLinkage, kWhenSymbol, *module_);
  Begin(f, true);
  Switch(3, p_.channels.size(), [&](std::size_t i) {
    const int when = p_.channels[i].when;
    llvm::Value* holds = when < 0 ? b_.getInt1(true) : Emit(when);
    b_.CreateStore(b_.CreateZExt(holds, i32_), CtxField(offsetof(MsvRuntimeCtx, result)));
  });
}

// *out = value `i`, stored in its slot.
void Codegen::BuildValue() {
  auto* f = llvm::Function::Create(llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_, i32_, ptr_}, false),
                                   llvm::Function::ExternalLinkage, kValueSymbol, *module_);
  Begin(f, true);
  Switch(3, p_.values.size(), [&](std::size_t i) {
    const int node = p_.values[i];
    Store(N(node).type, Emit(node), fn_->getArg(4));
  });
}

// The layout statements of slot `i`, in functions of a few top-level statements each (quick to optimise
// however long the layout). The block-tree calls record a failure in ctx (only memory can fail them):
// checked once per function rather than after every call.
void Codegen::BuildLayout() {
  constexpr std::size_t kChunk = 16;
  auto* type = llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false);
  std::vector<std::vector<llvm::Function*>> slots;
  for (std::size_t i = 0; i < p_.slots.size(); ++i) {
    const auto& body = p_.slots[i].body;
    auto& parts = slots.emplace_back();
    for (std::size_t first = 0; first < body.size(); first += kChunk) {
      auto* f = llvm::Function::Create(type, llvm::Function::InternalLinkage,
                                       "slot." + p_.slots[i].name + "." + std::to_string(parts.size()), *module_);
      f->addFnAttr(llvm::Attribute::NoInline);  // inlined back, a long layout would be one function again
      parts.push_back(f);
      Begin(f, true);
      for (std::size_t s = first; s < std::min(first + kChunk, body.size()); ++s) Stmt(body[s]);
      b_.CreateRet(b_.CreateLoad(i32_, CtxField(offsetof(MsvRuntimeCtx, error_status))));
    }
  }
  auto* f = llvm::Function::Create(llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_, i32_}, false),
                                   llvm::Function::ExternalLinkage, kLayoutSymbol, *module_);
  Begin(f, true);
  Switch(3, slots.size(), [&](std::size_t i) {
    for (llvm::Function* part : slots[i]) Check(b_.CreateCall(part, {record_, lets_, ctx_}), -1);
  });
}

// ── types and memory ──

llvm::Type* Codegen::Repr(TypeId t) {
  const lower::Type& type = T(t);
  llvm::Type* required = nullptr;
  switch (type.kind) {
    case Kind::Bool: required = i1_; break;
    case Kind::Int:
    case Kind::DateTime: required = i64_; break;
    case Kind::Date: required = i32_; break;
    case Kind::Str:
    case Kind::List: required = slice_; break;
    case Kind::Decimal:
    case Kind::Record: required = ptr_; break;  // by address
  }
  if (!type.optional) return required;
  return llvm::StructType::get(context_, {i1_, required});
}

llvm::Value* Codegen::Alloca(llvm::Type* type, const char* name) {
  llvm::IRBuilder<> entry(entry_, entry_->begin());
  return entry.CreateAlloca(type, nullptr, name);
}

llvm::Value* Codegen::Slot(TypeId t) {
  const lower::Size s = lower::SlotOf(p_, t);
  llvm::IRBuilder<> entry(entry_, entry_->begin());
  auto* slot = entry.CreateAlloca(llvm::ArrayType::get(i8_, s.size), nullptr, "slot");
  slot->setAlignment(llvm::Align(std::max<std::uint32_t>(s.align, 8)));
  return slot;
}

llvm::Value* Codegen::Offset(llvm::Value* base, std::int64_t offset) {
  if (offset == 0) return base;
  // a field of a nested record: one constant offset from the outer record (`a.b.c` is one load)
  if (auto* gep = llvm::dyn_cast<llvm::GetElementPtrInst>(base);
      gep != nullptr && gep->getSourceElementType() == i8_ && gep->getNumIndices() == 1) {
    if (auto* inner = llvm::dyn_cast<llvm::ConstantInt>(gep->getOperand(1)))
      return b_.CreateConstInBoundsGEP1_64(i8_, gep->getPointerOperand(),
                                           static_cast<std::uint64_t>(inner->getSExtValue() + offset));
  }
  return b_.CreateConstInBoundsGEP1_64(i8_, base, static_cast<std::uint64_t>(offset));
}

llvm::Value* Codegen::Offset(llvm::Value* base, llvm::Value* offset) { return b_.CreateInBoundsGEP(i8_, base, offset); }

llvm::Value* Codegen::Load(TypeId t, llvm::Value* address) {
  const lower::Type& type = T(t);
  if (type.optional) {
    const TypeId required = Required(t);
    const lower::Size s = lower::SizeOf(p_, required);
    llvm::Value* present = b_.CreateICmpNE(b_.CreateLoad(i8_, Offset(address, s.size)), b_.getInt8(0));
    return MakeOptional(t, present, Load(required, address));
  }
  switch (type.kind) {
    case Kind::Bool: return b_.CreateICmpNE(b_.CreateLoad(i8_, address), b_.getInt8(0));
    case Kind::Decimal:
    case Kind::Record: return address;  // read-only: the memory itself is the operand
    default: return b_.CreateLoad(Repr(t), address);
  }
}

void Codegen::Store(TypeId t, llvm::Value* value, llvm::Value* address) {
  const lower::Type& type = T(t);
  if (type.optional) {
    const TypeId required = Required(t);
    const lower::Size s = lower::SizeOf(p_, required);
    llvm::Value* present = Present(value);
    b_.CreateStore(b_.CreateZExt(present, i8_), Offset(address, s.size));
    auto* store = llvm::BasicBlock::Create(context_, "store.present", fn_);
    auto* done = llvm::BasicBlock::Create(context_, "store.done", fn_);
    b_.CreateCondBr(present, store, done);
    b_.SetInsertPoint(store);
    Store(required, Payload(value), address);
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    return;
  }
  switch (type.kind) {
    case Kind::Bool: b_.CreateStore(b_.CreateZExt(value, i8_), address); break;
    case Kind::Decimal:
    case Kind::Record:
      // one copy of the bytes; an aggregate load/store would be split into its members
      {
        const lower::Size s = lower::SizeOf(p_, t);
        b_.CreateMemCpy(address, llvm::MaybeAlign(s.align), value, llvm::MaybeAlign(s.align), s.size);
      }
      break;
    default: b_.CreateStore(value, address); break;
  }
}

llvm::Value* Codegen::LoadField(int record_type, std::size_t index, llvm::Value* record) {
  const lower::Record& r = p_.R(record_type);
  const lower::Field& f = r.fields[index];
  llvm::Value* address = Offset(record, f.offset);
  if (f.presence_bit < 0) return Load(f.type, address);
  llvm::Value* byte = b_.CreateLoad(i8_, Offset(record, f.presence_bit / 8));
  llvm::Value* present = b_.CreateICmpNE(
      b_.CreateAnd(byte, b_.getInt8(static_cast<std::uint8_t>(1u << (f.presence_bit % 8)))), b_.getInt8(0));
  return MakeOptional(f.type, present, Load(Required(f.type), address));
}

llvm::Value* Codegen::Allocate(llvm::Value* bytes, int site) {
  // ctx->alloc(ctx->alloc_state, bytes, 8)
  auto* type = llvm::FunctionType::get(ptr_, {ptr_, i64_, i64_}, false);
  llvm::Value* alloc = b_.CreateLoad(ptr_, CtxField(offsetof(MsvRuntimeCtx, alloc)));
  llvm::Value* state = b_.CreateLoad(ptr_, CtxField(offsetof(MsvRuntimeCtx, alloc_state)));
  llvm::Value* memory = b_.CreateCall(type, alloc, {state, bytes, b_.getInt64(8)});
  FailIf(b_.CreateAnd(b_.CreateIsNull(memory), b_.CreateICmpNE(bytes, b_.getInt64(0))), kMsvOutOfMemory, site);
  return memory;
}

llvm::MDNode* Codegen::Unlikely() {
  llvm::MDBuilder md(context_);
  return md.createBranchWeights(1, 2000);
}

// One exit per function for every failure: the status and the site arrive by PHI, so a check costs a
// compare and a branch (a block per check made big templates' functions slow to optimise).
llvm::BasicBlock* Codegen::FailExit() {
  if (fail_ != nullptr) return fail_;
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  fail_ = llvm::BasicBlock::Create(context_, "fail", fn_);
  b_.SetInsertPoint(fail_);
  fail_status_ = b_.CreatePHI(i32_, 4, "status");
  fail_site_ = b_.CreatePHI(i32_, 4, "site");
  // a site marks the origin of the error; a status passed up from a call keeps the callee's
  auto* record = llvm::BasicBlock::Create(context_, "fail.record", fn_);
  auto* leave = llvm::BasicBlock::Create(context_, "fail.leave", fn_);
  b_.CreateCondBr(b_.CreateICmpSGE(fail_site_, b_.getInt32(0)), record, leave);
  b_.SetInsertPoint(record);
  b_.CreateStore(fail_site_, CtxField(offsetof(MsvRuntimeCtx, error_site)));
  b_.CreateStore(fail_status_, CtxField(offsetof(MsvRuntimeCtx, error_status)));
  b_.CreateBr(leave);
  b_.SetInsertPoint(leave);
  b_.CreateRet(fail_status_);
  return fail_;
}

void Codegen::Check(llvm::Value* status, int site) {
  llvm::BasicBlock* fail = FailExit();
  auto* ok = llvm::BasicBlock::Create(context_, "ok", fn_);
  b_.CreateCondBr(b_.CreateICmpNE(status, b_.getInt32(kMsvOk)), fail, ok, Unlikely());
  fail_status_->addIncoming(status, b_.GetInsertBlock());
  fail_site_->addIncoming(b_.getInt32(site), b_.GetInsertBlock());
  b_.SetInsertPoint(ok);
}

void Codegen::FailIf(llvm::Value* condition, MsvStatus status, int site, std::vector<llvm::Value*> args) {
  if (!args.empty()) {  // the details go to ctx on the failing path only
    auto* details = llvm::BasicBlock::Create(context_, "fail.details", fn_);
    auto* ok = llvm::BasicBlock::Create(context_, "ok", fn_);
    b_.CreateCondBr(condition, details, ok, Unlikely());
    b_.SetInsertPoint(details);
    for (std::size_t i = 0; i < args.size() && i < 2; ++i)
      b_.CreateStore(args[i], CtxField(offsetof(MsvRuntimeCtx, error_args) + i * sizeof(std::int64_t)));
    Check(b_.getInt32(status), site);
    b_.CreateBr(ok);
    b_.SetInsertPoint(ok);
    return;
  }
  Check(b_.CreateSelect(condition, b_.getInt32(status), b_.getInt32(kMsvOk)), site);
}

llvm::Value* Codegen::StrSlot(llvm::Value* value) {
  llvm::Value* slot = Alloca(slice_, "str");
  b_.CreateStore(value, slot);
  return slot;
}

}  // namespace detail

std::unique_ptr<llvm::Module> BuildModule(const lower::Program& program, llvm::LLVMContext& context) {
  return detail::Codegen(program, context).Build();
}

}  // namespace missive::jit
