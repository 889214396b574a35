// ORC LLJIT: optimizes the program's module, compiles it (through the object cache) and resolves the
// runtime calls of abi.h, by the runtime's own symbol table, as absolute symbols.
#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/ObjectCache.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>

#include "compiler/jit/codegen.h"
#include "compiler/jit/jit.h"
#include "compiler/jit/object_store.h"

#ifndef MISSIVE_VERSION_STRING
#define MISSIVE_VERSION_STRING "dev"
#endif

namespace missive::jit {
namespace {

void InitLlvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

// Above this many instructions a module is not optimised: the optimiser's time grows with the module
// (a 5,000-line template took 3 s at O2, 0.8 s without), and the runtime calls such big programs make
// dominate their records' time anyway.
constexpr std::size_t kOptimiseUpTo = 50'000;

std::size_t Instructions(const llvm::Module& module) {
  std::size_t n = 0;
  for (const auto& f : module) n += f.getInstructionCount();
  return n;
}

void Optimize(llvm::Module& module, llvm::TargetMachine* tm, int level) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm;
  if (level <= 0) {
    mpm = pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0);
  } else {
    const llvm::OptimizationLevel ol = level == 1   ? llvm::OptimizationLevel::O1
                                       : level == 3 ? llvm::OptimizationLevel::O3
                                                    : llvm::OptimizationLevel::O2;
    mpm = pb.buildPerModuleDefaultPipeline(ol);
  }
  mpm.run(module, mam);
}

// Writes what codegen produced into the store; hits are served before LLJIT sees a module.
class DiskCache final : public llvm::ObjectCache {
 public:
  DiskCache(std::optional<ObjectStore> store, std::string key) : store_(std::move(store)), key_(std::move(key)) {}
  void notifyObjectCompiled(const llvm::Module*, llvm::MemoryBufferRef object) override {
    ++compiled_;
    if (store_) store_->Store(key_, std::string_view(object.getBufferStart(), object.getBufferSize()));
  }
  std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module*) override { return nullptr; }
  [[nodiscard]] int compiled() const { return compiled_; }

 private:
  std::optional<ObjectStore> store_;  // a copy: the cache lives as long as the JIT
  std::string key_;
  int compiled_ = 0;
};

std::string ErrorText(llvm::Error error) {
  std::string out;
  llvm::handleAllErrors(std::move(error), [&](const llvm::ErrorInfoBase& e) { out += e.message(); });
  return out;
}

void Define(llvm::orc::LLJIT& jit, llvm::orc::SymbolMap& symbols, const char* name, void* address) {
  symbols[jit.mangleAndIntern(name)] = llvm::orc::ExecutorSymbolDef(
      llvm::orc::ExecutorAddr::fromPtr(address), llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
}

}  // namespace

struct CompiledProgram::Impl {
  std::unique_ptr<DiskCache> cache;  // outlives the JIT that points at it
  std::unique_ptr<llvm::orc::LLJIT> jit;
  RulesFn rules = nullptr;
  WhenFn when = nullptr;
  ValueFn value = nullptr;
  LayoutFn layout = nullptr;
  Stats stats;
};

CompiledProgram::CompiledProgram(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledProgram::~CompiledProgram() {
  if (impl_) impl_->jit.reset();
}
RulesFn CompiledProgram::rules() const { return impl_->rules; }
WhenFn CompiledProgram::when() const { return impl_->when; }
ValueFn CompiledProgram::value() const { return impl_->value; }
LayoutFn CompiledProgram::layout() const { return impl_->layout; }
const Stats& CompiledProgram::stats() const { return impl_->stats; }

std::string DefaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::string(xdg) + "/missive";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::string(home) + "/.cache/missive";
  return ".missive-cache";
}

std::string VersionText() {
  return std::string("missive ") + MISSIVE_VERSION_STRING + "; llvm " LLVM_VERSION_STRING "; abi " +
         std::to_string(kMissiveAbiVersion);
}

CompileResult Compile(const lower::Program& program, const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  CompileResult result;
  try {
    InitLlvm();
    auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!jtmb) {
      result.error = ErrorText(jtmb.takeError());
      return result;
    }
    // Instruction selection without its optimisations (FastISel): half the compile time of a statement,
    // and the records/s of the program are the same (its time is in the runtime it calls).
    jtmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
    auto impl = std::make_unique<CompiledProgram::Impl>();
    const std::string key_text = lower::Print(program) + "\n" + VersionText() + "\n" + jtmb->getTargetTriple().str() +
                                 "\n" + jtmb->getCPU() + "\n" + jtmb->getFeatures().getString() + "\nO" +
                                 std::to_string(options.opt_level) + "\n" + options.key_extra;
    impl->stats.key = Sha256Hex(key_text);
    std::optional<ObjectStore> store;
    if (options.use_cache) {
      store.emplace(options.cache_dir.empty() ? DefaultCacheDir() : options.cache_dir);
      impl->stats.cache_path = store->PathOf(impl->stats.key);
    }
    impl->cache = std::make_unique<DiskCache>(store, impl->stats.key);
    DiskCache* cache = impl->cache.get();

    llvm::orc::LLJITBuilder builder;
    builder.setJITTargetMachineBuilder(*jtmb);
    builder.setCompileFunctionCreator([cache](llvm::orc::JITTargetMachineBuilder machine)
                                          -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
      auto tm = machine.createTargetMachine();
      if (!tm) return tm.takeError();
      return std::make_unique<llvm::orc::TMOwningSimpleCompiler>(std::move(*tm), cache);
    });
    auto jit = builder.create();
    if (!jit) {
      result.error = ErrorText(jit.takeError());
      return result;
    }
    impl->jit = std::move(*jit);
    llvm::orc::LLJIT& lljit = *impl->jit;

    llvm::orc::SymbolMap symbols;
    std::size_t count = 0;
    const MsvSymbol* runtime = msv_runtime_symbols(&count);
    for (std::size_t i = 0; i < count; ++i) Define(lljit, symbols, runtime[i].name, runtime[i].address);
    if (auto error = lljit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
      result.error = ErrorText(std::move(error));
      return result;
    }

    std::optional<std::string> cached;
    if (store) cached = store->Load(impl->stats.key, impl->stats.cache_rebuilt);
    if (cached) {
      impl->stats.cache_hit = true;
      auto buffer = llvm::MemoryBuffer::getMemBufferCopy(*cached, impl->stats.key);
      if (auto error = lljit.addObjectFile(std::move(buffer))) {
        result.error = ErrorText(std::move(error));
        return result;
      }
    } else {
      auto context = std::make_unique<llvm::LLVMContext>();
      std::unique_ptr<llvm::Module> module = BuildModule(program, *context);
      module->setModuleIdentifier(impl->stats.key);
      module->setDataLayout(lljit.getDataLayout());
      module->setTargetTriple(lljit.getTargetTriple().str());
      std::string problems;
      llvm::raw_string_ostream os(problems);
      if (llvm::verifyModule(*module, &os)) {
        result.error = "invalid LLVM IR: " + problems;
        return result;
      }
      auto tm = jtmb->createTargetMachine();
      if (!tm) {
        result.error = ErrorText(tm.takeError());
        return result;
      }
      Optimize(*module, tm->get(), Instructions(*module) > kOptimiseUpTo ? 0 : options.opt_level);
      for (const auto& f : *module)
        if (!f.isDeclaration()) ++impl->stats.compiled_functions;
      if (auto error = lljit.addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(context)))) {
        result.error = ErrorText(std::move(error));
        return result;
      }
    }
    auto lookup = [&](const char* name) -> void* {
      auto symbol = lljit.lookup(name);
      if (!symbol) {
        result.error = ErrorText(symbol.takeError());
        return nullptr;
      }
      return symbol->toPtr<void*>();
    };
    impl->rules = reinterpret_cast<RulesFn>(lookup(kRulesSymbol));
    impl->when = reinterpret_cast<WhenFn>(lookup(kWhenSymbol));
    impl->value = reinterpret_cast<ValueFn>(lookup(kValueSymbol));
    impl->layout = reinterpret_cast<LayoutFn>(lookup(kLayoutSymbol));
    if (!result.error.empty()) return result;
    impl->stats.compile_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    result.program = std::make_unique<CompiledProgram>(std::move(impl));
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

std::string LlvmIrText(const lower::Program& program, int opt_level) {
  InitLlvm();
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> module = BuildModule(program, context);
  if (opt_level > 0) {
    auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (jtmb) {
      auto tm = jtmb->createTargetMachine();
      if (tm) {
        module->setDataLayout((*tm)->createDataLayout());
        module->setTargetTriple((*tm)->getTargetTriple().str());
        Optimize(*module, tm->get(), opt_level);
      } else {
        llvm::consumeError(tm.takeError());
      }
    } else {
      llvm::consumeError(jtmb.takeError());
    }
  }
  std::string out;
  llvm::raw_string_ostream os(out);
  module->print(os, nullptr);
  return out;
}

}  // namespace missive::jit
