/// A Swift object that Lua code holds as a userdata with methods.
///
/// The userdata keeps the object alive until Lua collects it (`__gc` releases it). Its metatable
/// is hidden from scripts (`__metatable = false`), its methods are found through `__index`, and
/// `tostring` shows ``luaDescription`` — which is where a type masks what must not be printed.
public protocol LuaUserdata: AnyObject, Sendable {
    /// The name `tostring` and error messages use for this kind of object.
    static var luaTypeName: String { get }
    /// Methods, called with the object as argument 1 (`object:method(...)`).
    static var luaMethods: [String: LuaHostFunction] { get }
    /// Fields read with `object.name`; `nil` when there is no such field.
    func luaField(_ name: String) -> LuaValue?
    /// The names ``luaField(_:)`` answers, for completion and help.
    static var luaFieldNames: [String] { get }
    /// What `tostring(object)` shows.
    var luaDescription: String { get }
}

extension LuaUserdata {
    public static var luaMethods: [String: LuaHostFunction] { [:] }
    public func luaField(_ name: String) -> LuaValue? { nil }
    public static var luaFieldNames: [String] { [] }
    public var luaDescription: String { Self.luaTypeName }
}
