/// The engine's version, printed by `santei --version` and reported by every door.
public enum SanteiVersion {
    public static let string = "0.9.0"
}
