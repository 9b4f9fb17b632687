exec(open('/work/evalcache/study/rules.py').read().split("base = {")[0])
for n in ['scifact', 'nfcorpus']:
    S = SETS[n]
    ws = sorted(S.qids, key=lambda q: -S.words[q])
    top = set(ws[:len(ws) // 5])
    cut = min(S.words[q] for q in top)
    r = {name: run(S, f, prf=(name not in ('bm25', 'vector')), only=top)[0] for name, f in
         [('bm25', BM25), ('vector', VECTOR), ('convex 0.6 (before)', convex(0.6)), ('bylength 16..128 (after)', length_ramp(0.6, 0.8, 16, 128))]}
    print(n, 'longest fifth:', len(top), 'queries of >=', cut, 'words', {k: round(v, 4) for k, v in r.items()})
