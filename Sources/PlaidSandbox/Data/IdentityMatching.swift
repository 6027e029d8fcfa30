import Foundation
import PlaidModels

/// How alike a user's details and an account holder's are, 0 to 100 each: the same detail
/// scores 100 (or near it, written differently), an unrelated one at most 30.
enum IdentityMatching {
    /// The best score against any of the holder's names: shared words, first and last counting most.
    static func name(_ given: String, against names: [String]) -> NameMatchScore {
        let words = Self.words(given)
        guard !words.isEmpty else { return NameMatchScore(score: .value(0), isFirstNameOrLastNameMatch: .value(false)) }
        var best = 0, firstOrLast = false
        for name in names {
            let holder = Self.words(name)
            guard let first = holder.first, let last = holder.last else { continue }
            let shared = words.filter(holder.contains).count
            var score = Int((200.0 * Double(shared) / Double(words.count + holder.count)).rounded())
            let bothEnds = words.first == first && words.last == last
            if bothEnds { score = max(score, shared == holder.count && words.count == holder.count ? 100 : 92) }
            best = max(best, score)
            firstOrLast = firstOrLast || words.contains(first) || words.contains(last)
        }
        return NameMatchScore(score: .value(best), isFirstNameOrLastNameMatch: .value(firstOrLast), isNicknameMatch: .value(false),
                              isBusinessNameDetected: .value(false))
    }

    /// 100 for the same number (country code and punctuation aside), less the fewer trailing digits agree.
    static func phone(_ given: String, against numbers: [String]) -> Int {
        let digits = Array(given.filter(\.isNumber).suffix(10))
        return numbers.map { number in
            let holder = Array(number.filter(\.isNumber).suffix(10))
            guard !digits.isEmpty else { return 0 }
            if digits == holder { return 100 }
            let sameTail = zip(digits.reversed(), holder.reversed()).prefix { $0 == $1 }.count
            return min(30, sameTail * 3)
        }.max() ?? 0
    }

    /// 100 for the same address (case aside); 50 for the same name at another host, 20 for the same host.
    static func email(_ given: String, against emails: [String]) -> Int {
        let wanted = given.lowercased().trimmingCharacters(in: .whitespaces)
        return emails.map { email in
            let holder = email.lowercased()
            if wanted == holder { return 100 }
            let (wantedName, wantedHost) = split(wanted), (holderName, holderHost) = split(holder)
            if wantedName == holderName { return 50 }
            if wantedHost == holderHost { return 20 }
            return 0
        }.max() ?? 0
    }

    /// The street counts half, the postal code a fifth, the city a fifth and the region a tenth.
    static func address(_ given: IdentityMatchAddress, against addresses: [AddressData]) -> AddressMatchScore {
        var best = 0, postalMatch = false
        for holder in addresses {
            var score = 0.0
            let street = Self.words(given.street ?? ""), holderStreet = Self.words(holder.street)
            if !street.isEmpty {
                score += 50 * Double(street.filter(holderStreet.contains).count) / Double(max(street.count, holderStreet.count))
            }
            let postal = normalized(given.postalCode?.value), holderPostal = normalized(holder.postalCode.value)
            let samePostal = postal != nil && holderPostal != nil
                && (postal == holderPostal || postal!.prefix(5) == holderPostal!.prefix(5))
            if samePostal { score += 20 }
            if let city = normalized(given.city?.value), city == normalized(holder.city.value) { score += 20 }
            if let region = normalized(given.region?.value), region == normalized(holder.region.value) { score += 10 }
            if score > Double(best) { best = Int(score.rounded()) }
            postalMatch = postalMatch || samePostal
        }
        return AddressMatchScore(score: .value(best), isPostalCodeMatch: .value(postalMatch))
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { word in
            let word = String(word)
            return ["street": "st", "road": "rd", "avenue": "ave", "lane": "ln", "drive": "dr"][word] ?? word
        }
    }

    private static func normalized(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = text.lowercased().filter { $0.isLetter || $0.isNumber }
        return kept.isEmpty ? nil : kept
    }

    private static func split(_ email: String) -> (String, String) {
        let parts = email.split(separator: "@", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
}
