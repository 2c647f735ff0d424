#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;
const ull MOD = 1000000007ULL;
int main() {
    int k;
    if (scanf("%d", &k) != 1) return 0;
    ull ans = 6, nodes = (1ULL << k) - 2;
    for (ull i = 0; i < nodes; i++) ans = ans * 4 % MOD;  // O(2^k)
    printf("%llu\n", ans);
}
