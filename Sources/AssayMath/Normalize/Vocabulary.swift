/// Word lists used by the lexer: function names, units, connectives.
enum Vocabulary {
    /// Function names recognised with or without a backslash.
    static let functions: Set<String> = [
        "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "arcsec", "arccsc", "arccot",
        "sinh", "cosh", "tanh", "log", "ln", "lg", "exp", "sqrt", "abs", "floor", "ceil", "gcd", "lcm",
        "max", "min", "binom", "det", "cbrt",
    ]
    static let functionAliases: [String: String] = [
        "asin": "arcsin", "acos": "arccos", "atan": "arctan", "tg": "tan", "ctg": "cot", "cosec": "csc", "lg": "log",
        "operatorname": "",
    ]

    /// Unit words dropped wherever they appear as words (never single letters typed as plain math).
    static let units: Set<String> = [
        "cm", "mm", "km", "m", "meter", "meters", "metre", "metres", "centimeter", "centimeters", "inch", "inches",
        "in", "foot", "feet", "ft", "yard", "yards", "mile", "miles", "mi", "mph", "kmh", "kg", "g", "gram", "grams",
        "pound", "pounds", "lb", "lbs", "ounce", "ounces", "oz", "dollar", "dollars", "cent", "cents", "usd",
        "euro", "euros", "degree", "degrees", "deg", "rad", "radian", "radians", "unit", "units", "sq", "square",
        "cubic", "hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "second", "seconds", "sec", "s",
        "day", "days", "week", "weeks", "month", "months", "year", "years", "percent", "liter", "liters", "litre",
        "litres", "l", "ml", "gallon", "gallons", "people", "students", "times", "ways", "points", "items", "pages",
        "tickets", "boxes", "apples", "books", "coins", "marbles", "cookies", "candies", "hands", "eggs", "balls",
        "per", "each", "only", "approximately", "about", "exactly", "th", "st", "nd", "rd",
    ]
    /// Plain-typed unit words (multi-letter only, so variables are not eaten).
    static func isPlainUnit(_ w: String) -> Bool { w.count >= 2 && units.contains(w) && w != "in" && w != "min" && w != "sec" }

    static let connectives: Set<String> = ["or", "and"]

    /// Short English words that must not be split into variables.
    static let shortWords: Set<String> = [
        "yes", "no", "odd", "all", "none", "not", "the", "one", "two", "six", "ten", "any", "is", "are", "it",
        "true", "false",
    ]

    static let constantsPlain: [String: MathConstant] = ["pi": .pi, "inf": .infinity, "infty": .infinity, "infinity": .infinity]
}
