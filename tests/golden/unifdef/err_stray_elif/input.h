#elif A
