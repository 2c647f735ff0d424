#include <bits/stdc++.h>
using namespace std;
int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<long long> a(n);
    for (auto& v : a) scanf("%lld", &v);
    int left = 1, right = 1;
    while (left < n && a[left] > a[left - 1]) left++;
    while (right < n && a[n - 1 - right] > a[n - right]) right++;
    puts(left % 2 == 1 || right % 2 == 1 ? "Alice" : "Bob");
}
