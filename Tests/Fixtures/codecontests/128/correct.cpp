#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll n;
        scanf("%lld", &n);
        ll s = n - 1, a, b;
        if (s % 2 == 1) { a = s / 2; b = a + 1; }               // consecutive -> coprime
        else { ll h = s / 2, d = (h % 2 == 0) ? 1 : 2; a = h - d; b = h + d; }  // both odd, differ by 2 or 4
        printf("%lld %lld 1\n", a, b);
    }
}
