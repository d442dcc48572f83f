struct twice { int a; };
