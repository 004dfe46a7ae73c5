// One counter as stored (tests and `ohch doctor`-style checks): its times or its tokens.
// params: key
MATCH (c:LimitCounter {key: $key})
RETURN c.times AS times, c.tokens AS tokens, c.seen AS seen, c.expires_at AS expires_at
