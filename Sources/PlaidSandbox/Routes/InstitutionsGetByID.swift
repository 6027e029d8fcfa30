import PlaidModels

extension InstitutionsGetByIDRequest: SandboxServed {
    /// `/institutions/get_by_id`: one sandbox institution, if it operates in a requested country.
    static func answer(_ request: InstitutionsGetByIDRequest, _ call: SandboxCall) async throws -> InstitutionsGetByIDResponse {
        guard let institution = Institutions.named(request.institutionID) else {
            throw SandboxError.invalidInstitution(request.institutionID)
        }
        guard !request.countryCodes.isEmpty else {
            throw SandboxError.invalidField("country_codes must name at least one country")
        }
        guard request.countryCodes.contains(institution.country) else {
            throw SandboxError.invalidInput(
                "INVALID_INSTITUTION",
                "\(institution.id) operates in \(institution.country.rawValue), which is not among the country_codes given")
        }
        var answer = institution.institution
        if request.options?.includeOptionalMetadata == true {
            answer.url = .null
            answer.primaryColor = .null
            answer.logo = .null
        }
        return InstitutionsGetByIDResponse(institution: answer, requestID: call.requestID)
    }
}
