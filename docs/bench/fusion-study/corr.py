import pickle, numpy as np
table = pickle.load(open('table.pkl', 'rb'))
for n, (rows, per) in table.items():
    qs = [r[0] for r in rows]
    d = np.array([per[0.9][q] - per[0.4][q] for q in qs])
    print(n, 'mean d(0.9-0.4) %.4f' % d.mean())
    for k in rows[0][1]:
        x = np.array([r[1][k] for r in rows])
        if x.std() == 0: continue
        r = np.corrcoef(x, d)[0, 1]
        # split by median
        m = np.median(x); lo = d[x <= m].mean(); hi = d[x > m].mean()
        print('   %-10s corr %+.3f  d|low %+.4f d|high %+.4f' % (k, r, lo, hi))
