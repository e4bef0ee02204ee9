public class Undeclared {
    public static void main(String[] args) {
        System.out.println(total);
    }
}
