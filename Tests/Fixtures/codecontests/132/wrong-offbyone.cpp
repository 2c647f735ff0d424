#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll b[7];
        for (auto& v : b) scanf("%lld", &v);
        // bug: index off by one, the second element is b[1], not b[2] (b[2] may be b[0] + b[1])
        printf("%lld %lld %lld\n", b[6] - b[0] - b[2], b[2], b[0]);
    }
}
