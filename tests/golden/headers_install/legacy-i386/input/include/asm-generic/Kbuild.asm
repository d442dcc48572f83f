# What every arch exports (include/asm-generic/Kbuild.asm, as in 2.6.23).
header-y += errno.h
unifdef-y += types.h
