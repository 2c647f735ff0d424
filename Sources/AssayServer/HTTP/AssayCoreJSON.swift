import AssayCore

typealias AssayCoreJSON = JSONText
