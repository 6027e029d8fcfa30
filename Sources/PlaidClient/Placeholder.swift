import AsyncHTTPClient
enum Placeholder2 {}
