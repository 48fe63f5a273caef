/// The papers behind the derandomized mechanisms and their randomized originals.
public enum DerandomizedPapers {
    public static let walsh2024 = PaperReference(
        authors: ["Toby Walsh"], title: "Mechanisms that play a game, not toss a coin",
        year: 2024, venue: "IJCAI-24, pp. 3005-3013", arXiv: "2308.10413")
    public static let gibbard1977 = PaperReference(
        authors: ["Allan Gibbard"], title: "Manipulation of schemes that mix voting with chance",
        year: 1977, venue: "Econometrica 45(3)")
    public static let abdulkadirogluSonmez1998 = PaperReference(
        authors: ["Atila Abdulkadiroğlu", "Tayfun Sönmez"],
        title: "Random serial dictatorship and the core from random endowments in house allocation problems",
        year: 1998, venue: "Econometrica 66(3)")
    public static let bogomolnaiaMoulin2001 = PaperReference(
        authors: ["Anna Bogomolnaia", "Hervé Moulin"], title: "A new solution to the random assignment problem",
        year: 2001, venue: "Journal of Economic Theory 100(2)")
    public static let abdulkadirogluPathakRoth2009 = PaperReference(
        authors: ["Atila Abdulkadiroğlu", "Parag A. Pathak", "Alvin E. Roth"],
        title: "Strategy-proofness versus efficiency in matching with indifferences: redesigning the NYC high school match",
        year: 2009, venue: "American Economic Review 99(5)")
    public static let nisanRonen2001 = PaperReference(
        authors: ["Noam Nisan", "Amir Ronen"], title: "Algorithmic mechanism design",
        year: 2001, venue: "Games and Economic Behavior 35")
    public static let azizEtAl2019 = PaperReference(
        authors: ["Haris Aziz", "Omer Lev", "Nicholas Mattei", "Jeffrey S. Rosenschein", "Toby Walsh"],
        title: "Strategyproof peer selection using randomization, partitioning, and apportionment",
        year: 2019, venue: "Artificial Intelligence 275")
    public static let alonEtAl2011 = PaperReference(
        authors: ["Noga Alon", "Felix Fischer", "Ariel D. Procaccia", "Moshe Tennenholtz"],
        title: "Sum of us: strategyproof selection from the selectors",
        year: 2011, venue: "TARK 2011")

    /// The reconstruction note shared by every derandomized mechanism.
    public static let reconstruction =
        "Only the abstract and introduction of Walsh (2024) could be read; the seed encodings, the method per domain and the checks follow our reconstruction (docs/reconstructions.md#derandomized-mechanisms-walsh-2024)."
}
