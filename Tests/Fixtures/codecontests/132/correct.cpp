#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll b[7];
        for (auto& v : b) scanf("%lld", &v);
        // largest element first: any order is accepted
        printf("%lld %lld %lld\n", b[6] - b[0] - b[1], b[1], b[0]);
    }
}
