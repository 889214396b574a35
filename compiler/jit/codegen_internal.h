// The code generator's state, shared by its files: functions and memory (codegen.cpp), values
// (codegen_expr.cpp), list operations (codegen_list.cpp) and layout statements (codegen_layout.cpp).
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "compiler/lower/ir.h"
#include "runtime/abi/abi.h"

namespace missive::jit::detail {

using lower::Kind;
using lower::Node;
using lower::Op;
using lower::TypeId;

class Codegen {
 public:
  Codegen(const lower::Program& program, llvm::LLVMContext& context);
  std::unique_ptr<llvm::Module> Build();

  // ── functions (codegen.cpp) ──
  void BuildRules();
  void BuildWhen();
  void BuildValue();
  void BuildLayout();
  void DeclareFunctions();
  void BuildFunction(std::size_t index);
  /// Starts `f`: its entry block, arguments, and no loops.
  void Begin(llvm::Function* f, bool has_record);
  /// A switch over the function's i32 argument `arg`, one case per entry; `emit(i)` fills case i.
  void Switch(unsigned arg, std::size_t cases, const std::function<void(std::size_t)>& emit);
  llvm::FunctionCallee Runtime(const std::string& name, llvm::Type* result, std::vector<llvm::Type*> params);

  // ── types and memory (codegen.cpp) ──
  llvm::Type* Repr(TypeId t);
  [[nodiscard]] const lower::Type& T(TypeId t) const { return p_.T(t); }
  [[nodiscard]] const Node& N(int id) const { return p_.N(id); }
  TypeId TypeOfNode(int id) const { return N(id).type; }
  TypeId Required(TypeId t) const { return p_.Required(t); }
  /// A value of `t` from its slot (an optional's presence byte follows its value).
  llvm::Value* Load(TypeId t, llvm::Value* address);
  void Store(TypeId t, llvm::Value* value, llvm::Value* address);
  /// Field `index` of the record at `record` (an optional field's presence is a bit of the record).
  llvm::Value* LoadField(int record_type, std::size_t index, llvm::Value* record);
  llvm::Value* Alloca(llvm::Type* type, const char* name);
  /// Memory for one value of `t` (its slot), in the entry block.
  llvm::Value* Slot(TypeId t);
  llvm::Value* Offset(llvm::Value* base, std::int64_t offset);
  llvm::Value* Offset(llvm::Value* base, llvm::Value* offset);
  llvm::Value* CtxField(std::size_t offset) { return Offset(ctx_, static_cast<std::int64_t>(offset)); }
  /// `bytes` from ctx->alloc; null fails with kMsvOutOfMemory at `site`.
  llvm::Value* Allocate(llvm::Value* bytes, int site);
  /// Leaves the function with `status` unless it is kMsvOk; a site records where (origin of the error).
  void Check(llvm::Value* status, int site);
  /// The function's failure exit (made on first use).
  llvm::BasicBlock* FailExit();
  /// Leaves with `status` at `site` when `condition` holds; `args` go to ctx->error_args first.
  void FailIf(llvm::Value* condition, MsvStatus status, int site, std::vector<llvm::Value*> args = {});
  llvm::Value* StrSlot(llvm::Value* value);
  llvm::Value* Bytes(std::uint64_t n) { return b_.getInt64(n); }
  llvm::MDNode* Unlikely();

  // ── values (codegen_expr.cpp) ──
  llvm::Value* Emit(int id);
  llvm::Value* Present(llvm::Value* optional) { return b_.CreateExtractValue(optional, 0); }
  llvm::Value* Payload(llvm::Value* optional) { return b_.CreateExtractValue(optional, 1); }
  llvm::Value* MakeOptional(TypeId t, llvm::Value* present, llvm::Value* payload);
  /// i1: a == b for values of `t` (structural for lists, records and optionals).
  llvm::Value* Equal(TypeId t, llvm::Value* a, llvm::Value* b);
  /// i32 -1, 0, 1 for orderable values of `t` (numbers, dates, strings).
  llvm::Value* Order(TypeId t, llvm::Value* a, llvm::Value* b, int a_node = -1, int b_node = -1);
  llvm::Value* DecCompare(llvm::Value* a, llvm::Value* b, int a_node, int b_node);
  void DecAddSub(bool add, llvm::Value* a, llvm::Value* b, llvm::Value* out, int site);
  llvm::Value* IntOverflow(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b, int site);
  llvm::Value* ShowValue(TypeId t, llvm::Value* v);
  /// A runtime call `i32 name(ctx, args…, out*)` whose result of type `result` is returned.
  llvm::Value* CallRuntime(const std::string& name, const std::vector<int>& arg_nodes, TypeId result, int site);

  // ── lists (codegen_list.cpp) ──
  /// Each element of `list` (a list of `list_type`) as loop `loop`; body(latch, exit) may branch to either.
  void Loop(int loop, TypeId list_type, llvm::Value* list,
            const std::function<void(llvm::BasicBlock* latch, llvm::BasicBlock* exit)>& body);
  /// i from 0 to n - 1: body(i, latch, exit).
  void Counted(llvm::Value* n, const std::function<void(llvm::Value* i, llvm::BasicBlock*, llvm::BasicBlock*)>& body);
  llvm::Value* ListOp(int id);
  llvm::Value* ElementAddress(TypeId list_type, llvm::Value* list, llvm::Value* index);
  llvm::Value* MakeSlice(llvm::Value* ptr, llvm::Value* len);

  // ── layout (codegen_layout.cpp) ──
  void Stmts(const std::vector<lower::LStmt>& stmts);
  void Stmt(const lower::LStmt& s);

  const lower::Program& p_;
  llvm::LLVMContext& context_;
  llvm::IRBuilder<> b_;
  std::unique_ptr<llvm::Module> module_;
  llvm::Type *i1_ = nullptr, *i8_ = nullptr, *i32_ = nullptr, *i64_ = nullptr, *ptr_ = nullptr;
  llvm::StructType *dec_ = nullptr, *slice_ = nullptr;
  std::vector<llvm::Function*> functions_;  ///< user functions, by index

  // the function being generated
  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::Value *record_ = nullptr, *lets_ = nullptr, *ctx_ = nullptr;
  std::vector<llvm::Value*> params_;
  std::map<int, llvm::Value*> elements_;  ///< loop → its current element's address
  std::map<int, llvm::Value*> indices_;   ///< loop → its current element's index
  llvm::Value* depth_ = nullptr;          ///< a user function: ctx->depth on entry
  llvm::BasicBlock* fail_ = nullptr;      ///< the failure exit, with PHIs of the status and the site
  llvm::PHINode *fail_status_ = nullptr, *fail_site_ = nullptr;
};

}  // namespace missive::jit::detail
