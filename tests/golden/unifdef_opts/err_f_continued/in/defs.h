#define A \
  1
