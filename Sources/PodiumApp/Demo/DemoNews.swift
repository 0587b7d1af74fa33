import Fluent
import Foundation
import PodiumCore

/// The three reference articles (`shared/seeds/`), published as organizers published them: title, source, release
/// time and text, each linked to the demo occasion it reports on. The relay article names no source or date; its
/// sponsor is the source and it is released the day after the race.
struct DemoNews {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    struct Article {
        let slug: String
        let program: String
        let title: String
        let source: String
        let released: (year: Int, month: Int, day: Int, hour: Int, minute: Int)
        let body: String
    }

    func seed() async throws {
        let news = NewsService(db: db, clock: clock, uploads: UploadStore(directory: FileManager.default.temporaryDirectory), maxUploadBytes: 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: NewsService.defaultTimeZone)!
        for article in Self.articles {
            let program = try await ProgramModel.query(on: db).filter(\.$slug == article.program).first()
            let released = calendar.date(from: DateComponents(year: article.released.year, month: article.released.month, day: article.released.day,
                                                              hour: article.released.hour, minute: article.released.minute))!
            _ = try await news.create(NewsArticleInput(title: article.title, slug: article.slug, source: article.source, body: article.body,
                                                       status: .published, publishedAt: released, programId: program?.id), by: actor)
        }
    }

    static let articles: [Article] = [
        Article(slug: "workers-games-2023-closing", program: "workers-games-2023",
                title: #"Faster, farther, closer! The 5th Seiko Workers' Games has come to a successful conclusion"#,
                source: "Jinggong Science and Technology", released: (year: 2023, month: 11, day: 21, hour: 10, minute: 0),
                body: #"""
Ignite the passion of early winter and gather the strength of precision craftsmanship. On November 18, 2023, the 5th Seiko (Shaoxing region) Workers' Games were successfully held at Zhijiang College of Zhejiang University of Technology. The sports event, with the theme of "faster, farther, and closer", covered 20 small sports in three major types: competition, parent-child, and fun. It is the largest sports event in Seiko history with the most participants, the most complete competitive projects, and the largest scale of events after the formation of the five green industry sectors of Seiko.

This sports meet is hosted by the Seiko Holdings Group Trade Union Federation and the Seiko Technology Trade Union Committee. As one of the organizers, Sun Guojun, Chairman of Seiko Technology, and Li Aijun, General Manager, attended the opening ceremony. We will also invite the Party Secretary and Director of Jinggong Holdings Group, Fang Chaoyang, and leaders from the five major industrial sectors of the group to attend together.

Bathed in the warm winter sun, the national flag, group company flag formation, and various representative team formations entered the venue one after another. As they passed the podium, each representative team held unique and unique creative ceremonies, receiving cheers from the members of the Seiko family present.

For the first time, a fusion square composed of parent-child representatives from various Seiko companies, holding hands and bathing in golden sunshine and dreamy bubbles, was formed. The young Seiko people, like sunflowers, were born towards the sun, full of vitality and hope, symbolizing the integration, coexistence, and growth of the Seiko family, and also symbolizing the inheritance and prosperity of the Seiko industry from generation to generation.

After entering the square, Sun Guojun, Chairman of Seiko Technology, delivered an opening speech. He stated that Seiko people's shared vision of "adhering to green development" and "strengthening and optimizing Seiko" has converged in various industries. He expressed his message that Seiko people should enjoy every stage of their lives, feel the release and passion brought by every movement, harvest a healthy body, maintain vitality and vitality, and make new and greater contributions to the high-quality development of various industries.

Fang Chaoyang, Secretary of the Party Committee and Director of Jinggong Holdings Group, announced the opening of the sports meet. The youthful cheerleading and rhythmic mechanical dance song "Tractor" pushed the atmosphere of the sports meet to its first climax.

Running under the warm winter sun, chasing dreams on the shouting field. Seiko Technology has carefully prepared for the six industries and organized 60 athletes to participate in the sports meet.

On the runway, they put in all their strength, surpass themselves, and strive bravely for the first place, making their hard work the most shining moment of this winter!

The clear and resounding sound of hitting the ball, the crisp and sharp blows, and the back and forth pulling of points and lines, resonate with the freedom and struggle on the court, the vitality and vitality of life!

Intense cheers, cheerful laughter, and the faces of children and parents are filled with happiness and joy. Through sports, they feel love and companionship, converging into the warmest scenery of winter.

In addition to competitive events, there are also fun matches and tug of war competitions where the elite work together to shoulder heavy burdens, move the world, and work together. The elite work together, grit their teeth, and persevere to the end. This is a true portrayal of all the elite work together, overcome themselves, and challenge their limits!

In the final moments of the championship and runner up battles in the basketball stadium, the scores were tied time and time again, and the sound of "bang bang" basketball echoed in every corner of the court.

Throughout the entire event, the Seiko Technology event preparation team, with a professional spirit of "dedication, innovation, and care" and a dedicated spirit of dedication, organized a team of nearly a hundred people to implement all aspects of the Luoxi Games and provide protection for the entire event.

The shouting atmosphere group accompanied the heat of the scene, using the "first golden song" that hit the heart perfectly and continuously ignited the entire arena.

There is also a logistics support team, who provides warm and comprehensive support to ensure the orderly progress of the competition

After a day of tense and intense competition, Li Aijun, General Manager of Seiko Technology, announced the results of the sports meet. This year's sports meet produced a total of 36 individual awards, 18 collective awards, 6 parent-child awards, and the Seiko Technology team won the third prize of the group award!

The annual employee sports meet brings a sunny and healthy spiritual outlook to the elite workers. More importantly, it activates the enthusiasm of the elite workers and once again gathers their spirit. I believe that all Seiko people will continue to bring this spirit and passion of "unity, perseverance, and pursuit of excellence" to their respective work positions, and continue to create a "faster, farther, and more approachable" Seiko future.
"""#),
        Article(slug: "quality-month-relay-2021", program: "quality-month-relay-2021",
                title: #"Spirit丨People who persevere and work hard are ambitious"#,
                source: "SmartGen", released: (year: 2021, month: 9, day: 26, hour: 10, minute: 0),
                body: #"""
*——The First Green Valley “SmartGen Cup” Quality Month long-distance relay race*

Years later, when I was old, sat on a chair by the parkway with my walking stick. Looking around, there were many running children just like my younger years. In the tunnel of time, there was always a moment that made me unable to distinguish my age; There was always one encounter that made me spend all the past without regrets; There was always a scene that made me think that youth can come back; There was always one review that made me can not see what my look then.

When I think back to 2021, there are the heavy rain in July and the epidemic in August, and the early morning of September 25th.

September in 2021 is the 44th national Quality Month. With the continuous promotion of the country’s “manufacturing power” strategy, the concept of “quality power” has gradually been deeply rooted among the people. “Quality” is not only limited to product quality, but also extends to environment quality, work quality, life quality, physical quality and so on. The pursuit of quality is also the goal of SmartGen, and will be inherited at any stage of the development of SmartGen.

For people who take an active part in sports, the pursuit of quality of life and physical quality is also an active practice of the quality spirit of “continuous improvement in pursuit of perfection”. Considering this, we celebrated China’s 44th Quality Month in a special way: the first Green Valley “SmartGen Cup” Quality Month long-distance relay race came as expected!

This relay race was organized by the high-tech zone running association and fully sponsored by SmartGen. The relay race was 44 kilometers long, which meant the 44th National Quality Month. Seven teams (5 people in each team, including at least one female player) from the high-tech zone enterprises, communities, colleges and municipal supervisory team respectively completed the 44 kilometers race. SmartGen selected 6 athletes from various departments to participate in the race.

The heavy rain could not dampen our enthusiasm. The leading team rode the dust, and the backward team tried to catch up. As the runner, although SmartGen team was amateur, we had professional spirit. The weather wasn’t cooperating and the rain kept falling, all team members worked together and did their best. Finally, after a five-stick relay, the SmartGen team successfully completed the competition with excellent results!

After the race, Cui Wenfeng, the general manager of SmartGen and the relevant person in charge of the high-tech zone municipal supervisory team, gave awards and took a group photo for each team, and affirmed the positive significance of this race and the unremitting pursuit of quality! SmartGen was honored to participate in this race as a sponsor. Thank you for the strong support of the high-tech zone municipal supervisory team, the wonderful organization of the running sports association, and the active participation of all runners!

The race was successfully held! And the wonderful race was worth recalling for a long time!

The road was tortuous and long. Although the bad weather before the race brought us many difficulties. Those who persisted in practice and worked hard were ambitious people. This was the best embodiment of the enterprise spirit of “continuous improvement, teamwork creates value”!
"""#),
        Article(slug: "recognition-conference-2020", program: "recognition-2020",
                title: #"Jinggong Science & Technology held the 2020 Summary and Recognition Conference"#,
                source: "Jinggong Science and Technology", released: (year: 2021, month: 2, day: 5, hour: 10, minute: 0),
                body: #"""
February 2nd, 2021, Jinggong Science & Technology held the 2020 Annual Summary and Recognition Conference. In response to the policy of prevention and epidemic situation control of the district government, according to the principle of personnel streamlining, the participants in this meeting are the leaders of company management, the representatives of company cadres, and the advanced winners of the company in 2020, they all gathered together to sum up the commendation and welcome the new year.

The meeting reviewed and summarized the achievements and highlights of company in 2020, and solemnly commended the advanced employees and industry leaders who have made outstanding contributions to the development of company in the past year. At the same time, the 2021 work tasks were deployed.

Mr. Wu Haixiang, the general manager of company, first made the work report of “opening a new journey, seeking new development and innovating again”. Mr. Wu said that in 2020, facing the challenge of new crown pneumonia epidemic, the company's entire staff firm confidence together, accurate positioning, seize the first opportunity, in this fight against the epidemic and resumption of production battle has achieved good results. In 2021, the company will focus on improving economic efficiency, lean management as a means, market expansion as a starting point, implement management mechanism innovation, optimize human resources management, promote cost reduction and efficiency measures, and do a good job of product innovation breakthrough, and put forward the annual focus and main work measures of each industry sector in 2021, pointing out the direction for the new year.

Subsequently, the conference gave a grand recognition to 28" outstanding employees "," technological innovation model "and" market expansion model "from different positions of the company. The conference called on all staff to follow the example of advanced, keep pace with the times and make positive progress, and make greater contributions to the rapid, sustainable and healthy development of the company's economy in 2021! At the same time, the conference commended the industry leaders who had made positive contributions to the development of the company in 2020, awarded the "Special encouragement Award" to the chairman and general manager of New Materials Company, Wei Guojun; awarded the "Special Innovation Award" to the chairman and general manager of robotics company, Chen Jianhua; and awarded the " Special contribution Award " to the general manager of Steel Structure Machinery Branch, Xia Rongxiang, to encourage continued efforts in the new year and continue to play a leading role. Xia Rongxiang, General Manager of Steel Structure Machinery Branch, advanced representatives of Fu Chunfeng and Tan Yuli, spoke on behalf of the company's outstanding industries and advanced personnel, and made a look forward to and position on the work in 2021, so that we are full of expectation and confidence in the new year.

Finally, the chairman of the company, Mr. Jin Yue Shun, made an important speech. Mr. Jin first on behalf of the company's party committee, board of directors, and in the name of individuals, express of heartfelt thanks to the staff and team who have contributed actively to the development of the company in the past year! In his speech, Mr. Jin fully affirmed the achievements of the company's production and management in 2020. At the same time, he analyzed the macro and micro internal and external development environment faced by the company in 2021, interpreted the positive trend, emphasized risk prevention, and put forward the requirements and guidance for further improving the development quality of listed companies on corporate governance, development ideas and work measures of various industrial sectors. Finally, Mr. Jin called on all the Jinggong people to work hard to sail, take advantage of the wind and waves, to write a brilliant new chapter of fine science and technology and strive hard!

Mr. Jin Yueshun, Chairman of Jinggong, and Mr. Wu Haixiang, General Manager of Jinggong, wish all cadres and employees a happy and health Spring Festival with family and all the best!
"""#),
    ]
}
