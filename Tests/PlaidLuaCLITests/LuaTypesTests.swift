import Foundation
import PlaidLuaTesting
import Testing

/// `plaidlua types` writes definitions that hold together: valid Lua, a typed declaration for
/// every method and every field of the running `plaid` module, and no class named that is not
/// defined. (lua-language-server itself is not installable here; this is the check we can run.)
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
}
