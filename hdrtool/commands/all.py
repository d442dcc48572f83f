from hdrtool.commands._stub import not_implemented

command = not_implemented("all", "Run the main job (merge, gen, headers_install, headers_check, validate).", 0)
