from hdrtool.commands._stub import not_implemented

command = not_implemented("gen", "Generate the pgtable_t page-table allocation API, or stubs for a new arch.", 6)
