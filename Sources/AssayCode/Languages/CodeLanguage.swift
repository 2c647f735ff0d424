/// A programming language the `code` verifier runs: how to recognise its fenced blocks, how to
/// build it (once per distinct program) and how to run it. A new language is a new value.
public struct CodeLanguage: Sendable, Hashable {
    /// How a built program is started inside a worker.
    public enum Launch: Sendable, Hashable {
        /// Run the source as `__main__` in a child forked from the warm interpreter (no exec, no start-up).
        case warmPython
        /// Exec the file `name` from the run's directory (the build's output).
        case executable(String)
    }

    /// The rule-facing name (`python`, `cpp`, `c`).
    public var name: String
    /// The file the source is written to before building.
    public var sourceFile: String
    /// The build command, run in the item's directory inside the jail, or `nil` for none.
    public var build: [String]?
    /// The file the build produces (read back and cached).
    public var buildOutput: String?
    /// How to run the program.
    public var launch: Launch
    /// Whether function-level tests (HumanEval/MBPP) apply.
    public var supportsFunctionTests: Bool

    /// Creates a language.
    public init(name: String, sourceFile: String, build: [String]? = nil, buildOutput: String? = nil, launch: Launch,
                supportsFunctionTests: Bool = false) {
        self.name = name
        self.sourceFile = sourceFile
        self.build = build
        self.buildOutput = buildOutput
        self.launch = launch
        self.supportsFunctionTests = supportsFunctionTests
    }

    /// Python 3 in the warm worker.
    public static let python = CodeLanguage(name: "python", sourceFile: "main.py", launch: .warmPython, supportsFunctionTests: true)
    /// C++17 with g++ (`-O2`, static libstdc++ not needed: the jail has /usr/lib).
    public static let cpp = CodeLanguage(
        name: "cpp", sourceFile: "main.cpp",
        build: ["/usr/bin/g++", "-std=gnu++17", "-O2", "-pipe", "-o", "prog", "main.cpp", "-lm"], buildOutput: "prog",
        launch: .executable("prog"))
    /// C11 with gcc (`-O2`).
    public static let c = CodeLanguage(
        name: "c", sourceFile: "main.c",
        build: ["/usr/bin/gcc", "-std=gnu11", "-O2", "-pipe", "-o", "prog", "main.c", "-lm"], buildOutput: "prog",
        launch: .executable("prog"))

    /// The built-in languages by name.
    public static let builtIn: [String: CodeLanguage] = ["python": .python, "cpp": .cpp, "c": .c]

    /// The language called `name` (`py` → python, `c++`/`cxx` → cpp), or `nil`.
    public static func named(_ name: String) -> CodeLanguage? {
        switch name.lowercased() {
        case "python", "py", "python3": .python
        case "cpp", "c++", "cxx", "cc": .cpp
        case "c": .c
        default: nil
        }
    }
}
