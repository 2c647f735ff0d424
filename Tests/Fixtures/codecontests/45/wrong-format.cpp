#include <bits/stdc++.h>
using namespace std;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int n;
        scanf("%d", &n);
        vector<int> a(n);
        for (auto& v : a) scanf("%d", &v);
        int h = 1;
        for (int i = 0; i < n && h >= 0; i++) {
            if (a[i] == 1) h += (i > 0 && a[i - 1] == 1) ? 5 : 1;
            else if (i > 0 && a[i - 1] == 0) h = -1;
        }
        printf("%d ", h);  // bug: answers separated by spaces instead of one per line
    }
    printf("\n");
}
