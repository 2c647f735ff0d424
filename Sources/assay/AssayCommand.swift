import ArgumentParser
import AssayServer

@main
struct AssayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Rule-based rewards for RL of reasoning models: a verifier server, one-off grading, benchmarks.",
        version: AssayVersion.string,
        subcommands: [ServeCommand.self, VerifyCommand.self, FilterCommand.self, BenchCommand.self, TrainCommand.self, RulesCommand.self, BenchEngineCommand.self, BenchMathCommand.self, BenchCodeCommand.self]
    )
}
