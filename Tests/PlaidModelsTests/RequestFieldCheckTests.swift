@testable import PlaidModels
import Testing

/// The request checks the `plaid` module and the sandbox share, run on JSON as the sandbox reads it.
struct RequestFieldCheckTests {
    private let fields: [RequestField] = [
        RequestField(name: "token", type: .string, isRequired: true, summary: "A token."),
        RequestField(name: "count", type: .integer, isRequired: false, summary: "A count."),
        RequestField(name: "ratio", type: .number, isRequired: false, summary: "A ratio."),
        RequestField(name: "note", type: .string, isRequired: false, isNullable: true, summary: "A note."),
        RequestField(name: "kind", type: .string, isRequired: false, allowedValues: ["plain", "fancy"], summary: "A kind."),
        RequestField(name: "options", type: .object, isRequired: false, fields: [
            RequestField(name: "flag", type: .boolean, isRequired: true, summary: "A flag."),
            RequestField(name: "codes", type: .array, elementType: .string, isRequired: false, allowedValues: ["US", "CA"],
                         summary: "Some codes."),
            RequestField(name: "label", type: .string, isRequired: false, summary: "A label."),
        ], summary: "Options."),
    ]

    private func refusal(_ body: [String: JSONValue]) throws -> RequestFieldFailure<JSONValue> {
        try #require(throws: RequestFieldFailure<JSONValue>.self) { try RequestField.check(body, against: fields) }
    }

    @Test func aBodyThatFitsComesBackAsItsJSON() throws {
        let body: [String: JSONValue] = [
            "token": .string("t"), "count": .integer(3), "ratio": .integer(2), "note": .null, "kind": .string("fancy"),
            "options": .object(["flag": .bool(false), "codes": .array([.string("CA"), .string("US")])]),
        ]
        #expect(try RequestField.check(body, against: fields) == .object(body))
        #expect(try RequestField.check(["token": JSONValue.string("t"), "ratio": .double(0.5)], against: fields)
            == .object(["token": .string("t"), "ratio": .double(0.5)]))
    }

    @Test func unknownKeysComeFirstAllOfThemSortedWithTheObjectsFields() throws {
        let failure = try refusal(["zeta": .integer(1), "tokn": .string("t"), "count": .string("wrong")])
        guard case .unknownFields(let names, let listed) = failure.problem else { Issue.record("\(failure.problem)"); return }
        #expect(names == ["tokn", "zeta"])
        #expect(listed.map(\.name) == fields.map(\.name))
        #expect(failure.path.steps.isEmpty)
    }

    @Test func unknownKeysOfANestedObjectAreFoundAtItsPath() throws {
        let failure = try refusal(["token": .string("t"), "options": .object(["flag": .bool(true), "flags": .bool(true)])])
        guard case .unknownFields(let names, let listed) = failure.problem else { Issue.record("\(failure.problem)"); return }
        #expect(names == ["flags"])
        #expect(listed.map(\.name) == ["flag", "codes", "label"])
        #expect(failure.path == RequestFieldPath([.field("options")]))
        #expect(failure.path.fieldNames == "options")
    }

    @Test func missingFieldsCountNullsWhereNullIsNotTaken() throws {
        let absent = try refusal(["count": .string("wrong")])
        guard case .missingFields(let missing, let givenAsNull) = absent.problem else { Issue.record("\(absent.problem)"); return }
        #expect(missing.map(\.name) == ["token"])
        #expect(givenAsNull.isEmpty)

        let null = try refusal(["token": .null])
        guard case .missingFields(let nullFields, let nullNames) = null.problem else { Issue.record("\(null.problem)"); return }
        #expect(nullFields.map(\.name) == ["token"])
        #expect(nullNames == ["token"])

        let nested = try refusal(["token": .string("t"), "options": .object([:])])
        guard case .missingFields(let nestedFields, _) = nested.problem else { Issue.record("\(nested.problem)"); return }
        #expect(nestedFields.map(\.name) == ["flag"])
        #expect(nested.path.fieldNames == "options")
    }

    @Test func nullIsTakenOnlyByNullableFields() throws {
        #expect(try RequestField.check(["token": JSONValue.string("t"), "note": .null], against: fields)
            == .object(["token": .string("t"), "note": .null]))
        let failure = try refusal(["token": .string("t"), "kind": .null])
        guard case .null(let field) = failure.problem else { Issue.record("\(failure.problem)"); return }
        #expect(field.name == "kind")
        #expect(failure.path.fieldNames == "kind")
        #expect(!failure.path.isElement)
    }

    @Test(arguments: [
        ("count", JSONValue.double(1.5)), ("count", .string("1")), ("ratio", .bool(true)), ("kind", .integer(1)),
        ("options", .array([])), ("token", .object([:])),
    ])
    func valuesOfAnotherTypeAreRefused(name: String, value: JSONValue) throws {
        var body: [String: JSONValue] = ["token": .string("t")]
        body[name] = value
        let failure = try refusal(body)
        guard case .wrongType(let field, let given) = failure.problem else { Issue.record("\(failure.problem)"); return }
        #expect(field.name == name)
        #expect(given == value)
        #expect(failure.path.fieldNames == name)
    }

    @Test func fieldsAreCheckedInDeclaredOrder() throws {
        let failure = try refusal(["token": .string("t"), "kind": .string("odd"), "count": .string("x")])
        guard case .wrongType(let field, _) = failure.problem else { Issue.record("\(failure.problem)"); return }
        #expect(field.name == "count")
    }

    @Test func enumValuesAreChecked() throws {
        let failure = try refusal(["token": .string("t"), "kind": .string("odd")])
        guard case .notAllowed(let field, let value) = failure.problem else { Issue.record("\(failure.problem)"); return }
        #expect(field.name == "kind")
        #expect(value == "odd")
    }

    @Test func everyElementOfAnArrayIsCheckedAtItsPosition() throws {
        let options = { (codes: [JSONValue]) -> [String: JSONValue] in
            ["token": .string("t"), "options": .object(["flag": .bool(true), "codes": .array(codes)])]
        }
        let wrong = try refusal(options([.string("US"), .integer(7)]))
        guard case .wrongType(let element, .integer(7)) = wrong.problem else { Issue.record("\(wrong.problem)"); return }
        #expect(element.type == .string)
        #expect(wrong.path == RequestFieldPath([.field("options"), .field("codes"), .element(1)]))
        #expect(wrong.path.isElement)
        #expect(wrong.path.fieldNames == "options.codes")

        let unlisted = try refusal(options([.string("MX")]))
        guard case .notAllowed(_, "MX") = unlisted.problem else { Issue.record("\(unlisted.problem)"); return }
        #expect(unlisted.path.steps.last == .element(0))

        let null = try refusal(options([.null]))
        guard case .null = null.problem else { Issue.record("\(null.problem)"); return }
        #expect(null.path.isElement)
    }

    @Test func typosGetTheClosestName() {
        #expect(Spelling.closest(to: "acess_token", among: ["access_token", "account_id"]) == "access_token")
        #expect(Spelling.closest(to: "zzzzzz", among: ["access_token"]) == nil)
        #expect(Spelling.closest(to: "dwola", among: Processor.knownRawValues) == "dwolla")
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "abc") == 3)
    }
}
