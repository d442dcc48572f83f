#define A 1
/* unterminated
