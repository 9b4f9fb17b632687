C = '/work/evalcache/{s}/eval/{s}/bge-small-en-v1.5-q'
SETS = {}
for s in ['scifact', 'nfcorpus']:
    for long in [False, True]:
        name = s + ('-long' if long else '')
        SETS[name] = Set(name, C.format(s=s), f'/work/evalcache/study/{name}.tsv', 'queries-long.bin' if long else 'queries.bin')
