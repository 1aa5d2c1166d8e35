import HTTP

/// "There is no such thing here": a commune, program or project that the store lacks.
struct HTTPNotFound: HTTPStatusError {
    var status: HTTPStatus { .notFound }
}
