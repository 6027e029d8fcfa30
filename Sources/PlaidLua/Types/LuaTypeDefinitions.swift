import PlaidModels

/// `plaidlua types`: lua-language-server definitions of the `plaid` module (`---@meta`), made
/// from the endpoint registry and the models — a class per request (with its nested objects),
/// response, object and error, `---@param`/`---@return` per method, enums as `---@alias`
/// unions — so an editor completes and checks scripts against exactly what this build sends.
public enum LuaTypeDefinitions {
    /// The file's name and text.
    public static var files: [(name: String, text: String)] {
        [("plaid.lua", plaidModule)]
    }

    static var plaidModule: String {
        var writer = Writer()
        writer.line("---@meta plaid")
        writer.line("-- Made by `plaidlua types` from the endpoint registry and models (Plaid API \(PlaidModule.apiVersion)); do not edit.")
        writer.line("")
        writer.moduleSurface()
        for request in PlaidAPI.requests { writer.endpoint(request) }
        writer.errorClass()
        writer.pendingClasses()
        writer.line("return plaid")
        return writer.text
    }

    struct Writer {
        var text = ""
        /// Model classes named so far, and those still to write.
        var named = Set<String>()
        var pending: [(name: String, shape: ValueShape)] = []

        mutating func line(_ line: String) { text += line + "\n" }

        mutating func moduleSurface() {
            line("""
                ---@class plaid
                ---@field null lightuserdata JSON null: not nil, and truthy
                ---@field version string the Plaid-Version clients send by default
                ---@field processors string[] the partners a sandbox client can act as
                ---@field methods string[] every client method's name
                ---@field enums table<string, string[]> each enum's known values
                ---@field json plaid.json
                ---@field log plaid.log
                ---@field webhooks plaid.webhooks
                local plaid = {}

                ---@class plaid.json
                ---@field null lightuserdata
                local json = {}
                ---@param value any
                ---@param options? { sort_keys?: boolean, pretty?: boolean }
                ---@return string
                function json.encode(value, options) end
                ---@param text string
                ---@return any
                function json.decode(text) end

                ---@class plaid.webhooks
                local webhooks = {}
                ---@param body string the body exactly as received
                ---@param header string|nil the Plaid-Verification header
                ---@param client? plaid.Client whose environment's keys verify it (default: plaid.client())
                ---@param options? { max_age?: number }
                ---@return table webhook
                ---@return { kid: string, iat: integer, request_body_sha256: string, token: string } claims
                function webhooks.verify(body, header, client, options) end

                ---@class plaid.log
                local log = {}
                function log.debug(...) end
                function log.info(...) end
                function log.warn(...) end
                function log.error(...) end

                ---@class plaid.ClientOptions
                ---@field env? "embedded"|"sandbox"|"production" where calls go (default: PLAID_ENV, else the embedded sandbox)
                ---@field base_url? string a server of your own (loopback, or an allowed host)
                ---@field client_id? string
                ---@field secret? string
                ---@field profile? string a profile of config.toml
                ---@field allowed_hosts? string|string[] hosts besides Plaid's a client may call over HTTPS
                ---@field version? string Plaid-Version
                ---@field timeout? number seconds per call
                ---@field retries? integer
                ---@field retry_budget? number seconds of rate-limit retries
                ---@field processor? string act as this partner (its keys), for the /processor/* calls
                ---@field concurrency? integer calls in flight at once
                ---@field keep_null? boolean keep JSON nulls as plaid.null

                ---@param options? plaid.ClientOptions
                ---@return plaid.Client
                function plaid.client(options) end
                ---@param value any
                ---@return boolean
                function plaid.is_error(value) end
                ---@param token string
                ---@return string
                function plaid.mask(token) end
                ---@return number seconds since 1970
                function plaid.now() end
                ---@param seconds? number
                ---@return string
                function plaid.iso8601(seconds) end
                ---@param text string
                ---@return number|nil seconds, string? reason
                function plaid.parse_time(text) end
                ---@param name string a method's name
                ---@return table
                function plaid.describe(name) end
                ---@return table
                function plaid.env() end
                ---@param fn function
                ---@return plaid.Task
                function plaid.spawn(fn, ...) end
                ---@param seconds number
                function plaid.sleep(seconds) end
                ---@generic T, R
                ---@param list T[]
                ---@param fn fun(item: T, index: integer): R
                ---@param options? { concurrency?: integer }
                ---@return R[]
                function plaid.map(list, fn, options) end

                ---@class plaid.Store
                ---@field name string
                local Store = {}
                ---@param key string
                ---@return string|nil
                function Store:get(key) end
                ---@param key string
                ---@param value string|nil nil deletes the key
                function Store:set(key, value) end
                ---@return string[]
                function Store:keys() end
                ---@param name string letters, digits, '-' or '_': the file $PLAIDLUA_HOME/stores/NAME.sqlite
                ---@return plaid.Store
                function plaid.store(name) end

                ---@class plaid.TransactionsSync
                ---@field added plaid.Transaction[]
                ---@field modified plaid.Transaction[]
                ---@field removed table[]
                ---@field cursor string save it for the next sync
                ---@field pages integer
                ---@field restarts integer
                ---@field changes fun(): fun(): ("added"|"modified"|"removed"), table
                ---@param client plaid.Client a partner's client
                ---@param request plaid.ProcessorTransactionsSyncRequest
                ---@param options? { max_restarts?: integer }
                ---@return plaid.TransactionsSync
                function plaid.sync_transactions(client, request, options) end

                ---@class plaid.Task
                ---@field finished boolean
                local Task = {}
                ---@return any ...
                function Task:wait() end
                function Task:cancel() end

                ---@class plaid.Client
                ---@field env string
                ---@field client_id string
                ---@field processor? string
                ---@field base_url string
                ---@field version string
                local Client = {}
                ---@param path string an API path such as /processor/auth/get
                ---@param body table
                ---@return table
                function Client:request(path, body) end

                """)
        }

        mutating func endpoint(_ request: any PlaidRequest.Type) {
            let endpoint = request.endpoint
            let requestName = "plaid.\(request)"
            requestClass(requestName, fields: endpoint.requestFields)
            let response = responseName(request)
            line("--- \(endpoint.summary) (POST \(endpoint.path)\(endpoint.caller == .partner ? "; a partner's call" : ""))")
            line("---@param request \(requestName)")
            line("---@return \(response)")
            line("function Client:\(endpoint.methodName)(request) end")
            line("")
        }

        /// The response's class name, its shape queued for writing.
        mutating func responseName<R: PlaidRequest>(_ request: R.Type) -> String {
            luaType(ValueShape.of(R.Response.self))
        }

        mutating func requestClass(_ name: String, fields: [RequestField]) {
            var nested: [(String, [RequestField])] = []
            line("---@class \(name)")
            for field in fields {
                var type: String
                if field.type == .object, !field.fields.isEmpty {
                    type = name + "." + field.name
                    nested.append((type, field.fields))
                } else {
                    type = luaType(field)
                }
                if field.isNullable { type += "|lightuserdata" }
                line("---@field \(field.name)\(field.isRequired ? "" : "?") \(type) \(field.summary)")
            }
            line("")
            for (nestedName, nestedFields) in nested { requestClass(nestedName, fields: nestedFields) }
        }

        func luaType(_ field: RequestField) -> String {
            let values = field.allowedValues.map { "\"\($0)\"" }
            let element = values.isEmpty ? (field.elementType.map(scalar) ?? "any") : "(" + values.joined(separator: "|") + ")"
            switch field.type {
            case .array: return element + "[]"
            default: return values.isEmpty ? scalar(field.type) : values.joined(separator: "|")
            }
        }

        func scalar(_ type: RequestField.JSONType) -> String {
            switch type {
            case .string: "string"
            case .number: "number"
            case .integer: "integer"
            case .boolean: "boolean"
            case .object: "table"
            case .array: "any[]"
            }
        }

        /// The Lua type of a shape; objects and enums become named classes and aliases.
        mutating func luaType(_ shape: ValueShape) -> String {
            switch shape {
            case .string, .credential: return "string"
            case .integer: return "integer"
            case .number: return "number"
            case .boolean: return "boolean"
            case .any: return "any"
            case .array(let element): return luaType(element) + "[]"
            case .enumeration(let name, _), .object(let name, _):
                let luaName = "plaid." + name
                if named.insert(luaName).inserted { pending.append((luaName, shape)) }
                return luaName
            }
        }

        mutating func errorClass() {
            let plaidError = luaType(ValueShape.of(PlaidError.self))
            line("""
                ---@class plaid.Error : \(plaidError)
                ---@field kind string "plaid" (Plaid's error object), "transport", "validation", "argument", "json", "cancelled", …
                ---@field message string
                ---@field retryable boolean whether the same call may simply be made again
                ---@field method? string
                ---@field field? string
                ---@field path? string
                ---@field status? integer
                ---@field request_id? string
                ---@field attempts? integer

                """)
        }

        /// The model classes and enum aliases the methods named, each once.
        mutating func pendingClasses() {
            while !pending.isEmpty {
                let (name, shape) = pending.removeFirst()
                switch shape {
                case .enumeration(_, let values):
                    line("---@alias \(name) " + (values.map { "\"\($0)\"" } + ["string"]).joined(separator: "|"))
                case .object(_, let fields):
                    line("---@class \(name)")
                    for field in fields {
                        line("---@field \(field.name)\(field.isOptional ? "?" : "") \(luaType(field.shape))")
                    }
                default:
                    break
                }
                line("")
            }
        }
    }
}
