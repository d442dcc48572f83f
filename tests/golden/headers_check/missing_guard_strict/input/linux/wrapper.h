/* only includes: safe twice without a guard, no finding */
#include <linux/types.h>
