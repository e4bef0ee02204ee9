import java.util.Scanner;

public class Derangement {
    public static void main(String[] args) {
        int n = new Scanner(System.in).nextInt();
        if (n == 1) {
            System.out.println("impossible");
            return;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= n; i++) out.append(i % n + 1).append(i == n ? "\n" : " ");
        System.out.print(out);
    }
}
