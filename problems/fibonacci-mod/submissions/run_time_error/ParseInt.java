import java.util.Scanner;

// Integer.parseInt throws on n > 2^31 - 1: group 1 passes, group 2 crashes.
public class ParseInt {
    public static void main(String[] args) {
        int n = Integer.parseInt(new Scanner(System.in).next());
        long a = 0, b = 1;
        for (int i = 0; i < n; i++) {
            long next = (a + b) % 1_000_000_007L;
            a = b;
            b = next;
        }
        System.out.println(a);
    }
}
