import ArgumentParser
import AssayBench
import AssayCore
import Foundation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List or check rule files.", subcommands: [List.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rules with their hashes and components.")
        @Option(help: "Directory of rule files.") var rules: String?

        func run() throws {
            let set: RuleSet
            do { set = try RulesLocator.load(rules) } catch { throw CLIError("\(error)") }
            for name in set.names {
                let rule = set[name]!
                print("\(name)  \(rule.hash.prefix(12))  \(rule.description)")
                for c in rule.components {
                    let gate = c.gate.map { "  gate: \($0.component)" } ?? ""
                    print("    \(c.name): \(c.verifier.name)@\(c.verifier.version) × \(c.weight)\(gate)  \(c.verifier.canonicalParams.canonicalText)")
                }
                for route in rule.routeList { print("    task \(route.task) → \(route.rule)") }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate rule files or a directory; errors name the file, line and key. Exit 1 on any error.")
        @Argument(help: "Rule files or directories (default: the rules directory).") var paths: [String] = []

        func run() throws {
            let registry = StandardVerifiers.registry()
            var targets = paths
            if targets.isEmpty { targets = [RulesLocator.locate(nil)] }
            var failures = 0
            var loaded: [Rule] = []
            for path in targets {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    printError("\(path): no such file or directory")
                    failures += 1
                    continue
                }
                let files: [String]
                if isDirectory.boolValue {
                    files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                        .map { (path as NSString).appendingPathComponent($0) }
                } else {
                    files = [path]
                }
                for file in files {
                    do {
                        let text = try String(contentsOfFile: file, encoding: .utf8)
                        let rule = try RuleLoader(registry: registry).load(yaml: text, file: file)
                        loaded.append(rule)
                        print("ok     \(file)  (\(rule.name), \(rule.hash.prefix(12)))")
                    } catch {
                        printError("error  \(error)")
                        failures += 1
                    }
                }
            }
            if failures == 0 {
                do { _ = try RuleSet(loaded) } catch {
                    printError("error  \(error)")
                    failures += 1
                }
            }
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
