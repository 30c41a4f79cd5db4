-- A test script: returns its key followed by its arguments.
local all = {KEYS[1]}
for i = 1, #ARGV do
    all[#all + 1] = ARGV[i]
end
return all
