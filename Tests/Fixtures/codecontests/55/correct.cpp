#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;
const ull MOD = 1000000007ULL;
ull pw(ull b, ull e) {
    ull r = 1;
    b %= MOD;
    while (e) {
        if (e & 1) r = r * b % MOD;
        b = b * b % MOD;
        e >>= 1;
    }
    return r;
}
int main() {
    int k;
    if (scanf("%d", &k) != 1) return 0;
    ull e = (1ULL << k) - 2;
    printf("%llu\n", 6 * pw(4, e) % MOD);
}
