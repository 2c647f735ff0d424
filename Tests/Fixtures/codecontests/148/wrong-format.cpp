#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll w, h, best = 0;
        scanf("%lld %lld", &w, &h);
        for (int side = 0; side < 4; side++) {
            int k;
            scanf("%d", &k);
            ll first = 0, last = 0;
            for (int i = 0; i < k; i++) {
                ll v;
                scanf("%lld", &v);
                if (i == 0) first = v;
                last = v;
            }
            best = max(best, (last - first) * (side < 2 ? h : w));
        }
        printf("%lld \n\n", best);  // bug: blank line after every answer
    }
}
