#include <bits/stdc++.h>
using namespace std;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        long long l[3];
        scanf("%lld %lld %lld", &l[0], &l[1], &l[2]);
        sort(l, l + 3);
        bool ok = l[2] == l[0] + l[1]                 // break the longest into the other two
                  || (l[0] == l[1] && l[2] % 2 == 0)  // break the longest in half
                  || (l[1] == l[2] && l[0] % 2 == 0); // break the shortest in half
        puts(ok ? "YES" : "NO");
    }
}
