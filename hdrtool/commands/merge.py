from hdrtool.commands._stub import not_implemented

command = not_implemented("merge", "Merge asm-i386 + asm-x86_64 into asm-x86 (Linux 2.6.24 layout).", 5)
