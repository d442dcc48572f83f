from hdrtool.commands._stub import not_implemented

command = not_implemented("validate", "Compile the simulator against the generated layout and compare with the model.", 0)
