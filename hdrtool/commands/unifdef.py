from hdrtool.commands._stub import not_implemented

command = not_implemented("unifdef", "Remove #ifdef'ed lines, a drop-in for unifdef(1).", 3)
