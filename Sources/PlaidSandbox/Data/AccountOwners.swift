import PlaidModels

/// The account holder every sandbox login reports: one person, the same on every account, with
/// an address in the institution's country.
enum AccountOwners {
    static let name = "Alberta Bobbeth Charleson"

    static func owner(for country: CountryCode) -> Owner {
        Owner(names: [name], phoneNumbers: phoneNumbers, emails: emails, addresses: addresses(for: country))
    }

    static let phoneNumbers = [
        PhoneNumber(data: "1112223333", primary: false, type: .home),
        PhoneNumber(data: "1112224444", primary: false, type: .work),
        PhoneNumber(data: "1112225555", primary: false, type: .mobile1),
    ]

    static let emails = [
        Email(data: "accountholder0@example.com", primary: true, type: .primary),
        Email(data: "accountholder1@example.com", primary: false, type: .secondary),
        Email(data: "extraordinarily.long.email.username.123456@reallylonghostname.com", primary: false, type: .other),
    ]

    static func addresses(for country: CountryCode) -> [Address] {
        switch country {
        case .ca:
            [Address(data: AddressData(city: .value("Toronto"), region: .value("ON"), street: "100 Tartan Avenue, Unit 4",
                                       postalCode: .value("M5V 2T6"), country: .value("CA")), primary: true)]
        case .gb:
            [Address(data: AddressData(city: .value("London"), region: .null, street: "12 Platypus Lane",
                                       postalCode: .value("EC2R 8AH"), country: .value("GB")), primary: true)]
        default:
            [
                Address(data: AddressData(city: .value("Malakoff"), region: .value("NY"), street: "2992 Cameron Road",
                                          postalCode: .value("14236"), country: .value("US")), primary: true),
                Address(data: AddressData(city: .value("San Matias"), region: .value("CA"), street: "2493 Leisure Lane",
                                          postalCode: .value("93405-2255"), country: .value("US")), primary: false),
            ]
        }
    }
}
