public class NoReturnType {
    public static main(String[] args) {
        System.out.println("impossible");
    }
}
