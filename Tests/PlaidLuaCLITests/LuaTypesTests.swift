import Foundation
import PlaidLuaTesting
import Testing

/// `plaidlua types` writes definitions that hold together: valid Lua, a typed declaration for
/// every method and every field of the running `plaid` module, and no class named that is not
/// defined; and the shipped scripts type-check against them. (lua-language-server is in neither
/// Debian's packages nor PyPI, so the check of the scripts is ours: every method called and every
/// request field written in a table constructor must be declared, nested fields included.)
@Suite struct LuaTypesTests {
    @Test func theDefinitionsCoverTheModuleAndNameOnlyWhatTheyDefine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-types-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try CommandRun.plaidlua(["types", "--output", folder.path])
        #expect(written.status == 0, "\(written.standardError)")
        let file = folder.appendingPathComponent("plaid.lua").path
        let check = try CommandRun.plaidlua(["-e", """
            local path = os.getenv("TYPES_FILE")
            local text = assert(io.open(path)):read("a")
            assert(loadfile(path), "the definitions are not valid Lua")
            local problems = {}
            local function problem(...) problems[#problems + 1] = string.format(...) end
            local defined = {}
            for name in text:gmatch("%-%-%-@class ([%w%._]+)") do defined[name] = true end
            for name in text:gmatch("%-%-%-@alias ([%w%._]+)") do defined[name] = true end
            -- The type in each annotation: a field's or parameter's second word, a return's first,
            -- a class's parent.
            for line in text:gmatch("[^\\n]+") do
              local type = line:match("^%-%-%-@field %S+ (%S+)") or line:match("^%-%-%-@param %S+ (%S+)")
                or line:match("^%-%-%-@return (%S+)") or line:match("^%-%-%-@class %S+ : (%S+)")
              for name in (type or ""):gmatch("plaid%.[%w%._]+") do
                local base = name:gsub("%.$", "")
                if not defined[base] then problem("%s names %s, which is not defined", line, base) end
              end
            end
            local plaid = require "plaid"
            for _, method in ipairs(plaid.methods) do
              local pattern = "%-%-%-@param request plaid%.[%w_]+\\n%-%-%-@return plaid%.[%w_%.]+\\nfunction Client:" .. method .. "%(request%) end"
              if not text:find(pattern) then problem("method %s is not declared with its request and response", method) end
            end
            for key in pairs(plaid) do
              if not (text:find("\\nfunction plaid%." .. key .. "%(") or text:find("\\n%-%-%-@field " .. key .. " ")) then
                problem("plaid.%s is not declared", key)
              end
            end
            if not text:find('"dwolla"', 1, true) then problem("the processor enum is missing") end
            if not text:find("\\n%-%-%-@field min_last_updated_datetime%? string") then problem("nested options are missing") end
            if not text:find("\\n%-%-%-@field numbers plaid%.ProcessorNumbers\\n") then problem("the Auth response's numbers are missing") end
            print(#problems == 0 and "ok" or table.concat(problems, "\\n"))
            """], environment: ["TYPES_FILE": file])
        #expect(check.status == 0, "\(check.standardError)")
        #expect(check.standardOutput == "ok\n", "\(check.standardOutput)")
    }

    @Test func theShippedScriptsCallOnlyDeclaredMethodsWithDeclaredFields() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plaidlua-types-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try CommandRun.plaidlua(["types", "--output", folder.path])
        #expect(written.status == 0, "\(written.standardError)")
        let scripts = CommandRun.packageRoot.appendingPathComponent("scripts")
        let check = try CommandRun.plaidlua(["-e", #"""
            local text = assert(io.open(os.getenv("TYPES_FILE"))):read("a")
            local classes, current = {}, nil
            for line in text:gmatch("[^\n]+") do
              local class = line:match("^%-%-%-@class ([%w%._]+)")
              if class then current = class; classes[class] = {} end
              local field, type = line:match("^%-%-%-@field ([%w_]+)%??%s+(%S+)")
              if field and current then classes[current][field] = type end
            end
            local requests = {}
            for class, method in text:gmatch("%-%-%-@param request ([%w%._]+)\n%-%-%-@return %S+\nfunction Client:([%w_]+)") do
              requests[method] = class
            end
            local problems, calls = {}, 0
            --- The keys a table constructor sets at its top level, each with its value's text.
            local function keys(body)
              local top = body:sub(2, -2):gsub("%b{}", function(inner) return ("\0"):rep(#inner) end)
              local found = {}
              for start, key in top:gmatch("()([%a_][%w_]*)%s*=[^=]") do
                local value = body:sub(2, -2):sub(start):match("^[%a_][%w_]*%s*=%s*(%b{})")
                found[#found + 1] = { key = key, value = value }
              end
              return found
            end
            local function check(where, class, body)
              for _, entry in ipairs(keys(body)) do
                local type = classes[class][entry.key]
                if not type then
                  problems[#problems + 1] = ("%s: %s has no field %s"):format(where, class, entry.key)
                elseif entry.value and classes[type] then
                  check(where, type, entry.value)
                end
              end
            end
            for name in os.getenv("SCRIPTS"):gmatch("[^\n]+") do
              local source = assert(io.open(name)):read("a")
              for method, body in source:gmatch(":([%w_]+)%s*%(?%s*(%b{})") do
                if method:match("^processor_") or method:match("^sandbox_") or method:match("^item_") or method:match("^accounts_") then
                  calls = calls + 1
                  local class = requests[method]
                  if not class then
                    problems[#problems + 1] = ("%s: %s is not a declared method"):format(name, method)
                  else
                    check(name .. ": " .. method, class, body)
                  end
                end
              end
            end
            print(calls, #problems == 0 and "ok" or table.concat(problems, "\n"))
            """#], environment: [
                "TYPES_FILE": folder.appendingPathComponent("plaid.lua").path,
                "SCRIPTS": try FileManager.default.contentsOfDirectory(atPath: scripts.path).filter { $0.hasSuffix(".lua") }.sorted()
                    .map { scripts.appendingPathComponent($0).path }.joined(separator: "\n"),
            ])
        #expect(check.status == 0, "\(check.standardError)")
        let parts = check.standardOutput.split(separator: "\t", maxSplits: 1).map(String.init)
        #expect((Int(parts.first ?? "") ?? 0) >= 10, "too few calls found to check: \(check.standardOutput)")
        #expect(parts.last == "ok\n", "\(check.standardOutput)")
    }
}
